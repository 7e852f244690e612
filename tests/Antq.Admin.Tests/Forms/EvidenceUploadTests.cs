using Antq.Admin.Components;
using Antq.Admin.Features.Forms;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Forms;

/// <summary>Evidence uploads (the form's file fields, through the UI's service as a circuit would call it).</summary>
public sealed class EvidenceUploadTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Field = "/tc01/nghi_quyet/minh_chung";

    [Fact]
    public async Task ZeroByteFile_RefusedNonEmptyStored()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2041, Samples.ValidCommune);

        var empty = await SaveAsync("xa-a1@test.vn", id, "nghi-quyet.pdf", []);
        var stored = await SaveAsync("xa-a1@test.vn", id, "nghi-quyet.pdf", "%PDF-1.4 x"u8.ToArray());

        Assert.NotNull(empty.Failure);
        Assert.Contains("rỗng", empty.Failure!.Detail);
        Assert.True(stored.Failure is null, stored.Failure?.Detail);
        Assert.Equal(10, stored.Value!.Size);
        // Nothing of the refused upload stays on disk: one folder, the stored file's.
        Assert.Single(Directory.GetDirectories(Path.Combine(factory.DataDirectory, EvidenceStore.Folder)));
    }

    private Task<Antq.Admin.Infrastructure.Result<EvidenceFile>> SaveAsync(string email, Guid id, string name, byte[] bytes) =>
        factory.WithServicesAsync(async services =>
        {
            var user = await services.GetRequiredService<UserManager<Antq.Admin.Data.Entities.AppUser>>().FindByEmailAsync(email);
            // The principal a sign-in gives (user id, roles, security stamp), as a Blazor circuit holds it.
            services.GetRequiredService<PrincipalHolder>().Principal =
                await services.GetRequiredService<IUserClaimsPrincipalFactory<Antq.Admin.Data.Entities.AppUser>>().CreateAsync(user!);
            return await services.GetRequiredService<EvidenceStore>().SaveAsync(id, Field, name, new MemoryStream(bytes), CancellationToken.None);
        });
}
