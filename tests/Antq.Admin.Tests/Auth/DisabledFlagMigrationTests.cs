using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Auth;

/// <summary>Migration AddAccountDisabledFlag: an account disabled the old way (a lockout until year 9999) becomes disabled, its lockout cleared.</summary>
public sealed class DisabledFlagMigrationTests : IDisposable
{
    private readonly AntqApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Year9999Lockout_BecomesDisabled()
    {
        await _factory.WorldAsync();
        await _factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith("_AddAccountDisabledFlag", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[index - 1]);

            // The old way: disabled = locked out until 9999; a lockout of a few minutes stays a lockout.
            object disabledUntil = TestDatabase.IsPostgres ? new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero) : 6461570285568000000L;
            object soon = TestDatabase.IsPostgres ? DateTimeOffset.UtcNow.AddMinutes(5)
                : new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow.AddMinutes(5))!;
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AspNetUsers\" SET \"LockoutEnd\" = {0} WHERE \"Email\" = 'xa-b1@test.vn'", disabledUntil);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AspNetUsers\" SET \"LockoutEnd\" = {0} WHERE \"Email\" = 'xa-a2@test.vn'", soon);

            await migrator.MigrateAsync();
        });
        await _factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var disabled = (await users.FindByEmailAsync("xa-b1@test.vn"))!;
            Assert.True(disabled.Disabled);
            Assert.Null(disabled.LockoutEnd);
            var locked = (await users.FindByEmailAsync("xa-a2@test.vn"))!;
            Assert.False(locked.Disabled);
            Assert.NotNull(locked.LockoutEnd);
            Assert.False((await users.FindByEmailAsync("xa-a1@test.vn"))!.Disabled);
        });
    }
}
