using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// What happens before the server answers: migrations, SQLite in WAL mode, reference data
/// (levels, kinds, roles, the root unit), the first administrator from the environment, the shipped
/// packs, and in Development the demo data.
/// </summary>
public static class StartupInitialiser
{
    public static async Task InitialiseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<AntqOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Antq.Startup");
        var db = services.GetRequiredService<AntqDbContext>();

        await db.Database.MigrateAsync();
        if (options.Provider == DbProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await ReferenceData.EnsureAsync(db, services.GetRequiredService<RoleManager<IdentityRole>>());
        await EnsureAdministratorAsync(services, options, logger);
        await ImportShippedPacksAsync(services.GetRequiredService<PackRegistry>(), options, logger);
        foreach (var seeder in services.GetServices<IStartupSeeder>())
            await seeder.SeedAsync(services, options, logger);
    }

    private static async Task EnsureAdministratorAsync(IServiceProvider services, AntqOptions options, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(options.AdminEmail) || string.IsNullOrWhiteSpace(options.AdminPassword)) return;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(options.AdminEmail) is not null) return;
        var db = services.GetRequiredService<AntqDbContext>();
        var root = await db.Units.OrderBy(u => u.Depth).ThenBy(u => u.Id).FirstAsync();
        var admin = new AppUser { UserName = options.AdminEmail, Email = options.AdminEmail, EmailConfirmed = true, DisplayName = "Quản trị viên", UnitId = root.Id };
        var created = await users.CreateAsync(admin, options.AdminPassword);
        if (!created.Succeeded)
            throw new InvalidOperationException("ANTQ_ADMIN_EMAIL/ANTQ_ADMIN_PASSWORD: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.Admin);
        logger.LogInformation("Administrator {Email} created (scope: {Unit}).", options.AdminEmail, root.Name);
    }

    private static async Task ImportShippedPacksAsync(PackRegistry registry, AntqOptions options, ILogger logger)
    {
        if (options.PacksDirectory is null || !Directory.Exists(options.PacksDirectory)) return;
        foreach (var folder in Directory.GetDirectories(options.PacksDirectory).Order(StringComparer.Ordinal))
        {
            var outcome = await registry.ImportFolderAsync(folder);
            switch (outcome)
            {
                case UploadOutcome.Refused refused:
                    logger.LogError("Shipped pack {Folder} refused: {Errors}", folder, string.Join("; ", refused.Errors));
                    break;
                case UploadOutcome.Conflict conflict:
                    logger.LogWarning("Shipped pack {PackId} {Version} differs from the stored one; keep the stored version ({Message}).", conflict.PackId, conflict.Version, conflict.Message);
                    break;
                case UploadOutcome.Created created:
                    logger.LogInformation("Shipped pack {PackId} {Version} imported (active: {Active}).", created.PackId, created.Version, created.Activated);
                    break;
            }
        }
    }
}

/// <summary>Optional start-up data (demo data in Development).</summary>
public interface IStartupSeeder
{
    Task SeedAsync(IServiceProvider services, AntqOptions options, ILogger logger);
}
