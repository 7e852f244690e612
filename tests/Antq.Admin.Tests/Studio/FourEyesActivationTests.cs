using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Tests.Support;
using Antq.TestKit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Studio;

/// <summary>
/// ANTQ_PACK_FOUR_EYES=true: a version published from the studio or uploaded is activated by another
/// province administrator; the preparer is refused with the rule named; both are in the audit trail.
/// </summary>
public sealed class FourEyesActivationTests : IDisposable
{
    private const string Pack = "qd9745.xa";
    private const string SecondAdmin = "admin2@test.vn";
    private readonly AntqApiFactory _factory = new() { Settings = { ["ANTQ_PACK_FOUR_EYES"] = "true" } };

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpClient Preparer, HttpClient Other)> AdminsAsync()
    {
        var world = await _factory.WorldAsync();
        await _factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(SecondAdmin) is not null) return;
            var user = new AppUser { UserName = SecondAdmin, Email = SecondAdmin, EmailConfirmed = true, DisplayName = "Quản trị viên thứ hai", UnitId = world.Province.Id };
            Assert.True((await users.CreateAsync(user, TestWorld.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Admin);
        });
        return (await TestWorld.LoginAsync(_factory, "admin@test.vn"), await TestWorld.LoginAsync(_factory, SecondAdmin));
    }

    private static async Task<JsonElement> VersionAsync(HttpClient client, string pack, string version) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/packs/{pack}/versions")).EnumerateArray().Single(v => v.GetProperty("version").GetString() == version);

    private static async Task<string> PublishFromStudioAsync(HttpClient admin)
    {
        var active = (await admin.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions")).EnumerateArray().Single(v => v.GetProperty("active").GetBoolean()).GetProperty("version").GetString();
        var started = await admin.PostAsJsonAsync("/api/studio/drafts", new { packId = Pack, version = active });
        var draft = await started.Content.ReadFromJsonAsync<JsonElement>();
        var files = draft.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var published = await admin.PostAsJsonAsync($"/api/studio/drafts/{draft.GetProperty("id").GetInt32()}/publish", new { revision = 1 });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        return JsonNode.Parse(files["pack.json"])!["version"]!.GetValue<string>();
    }

    [Fact]
    public async Task PublishedFromStudio_PreparerRefusedWithTheRule_OtherAdministratorActivates_BothAudited()
    {
        var (preparer, other) = await AdminsAsync();
        var version = await PublishFromStudioAsync(preparer);

        Assert.True((await VersionAsync(preparer, Pack, version)).GetProperty("awaitsOtherAdmin").GetBoolean());
        Assert.False((await VersionAsync(other, Pack, version)).GetProperty("awaitsOtherAdmin").GetBoolean());
        var refused = await preparer.PostAsync($"/api/packs/{Pack}/versions/{version}/activate", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("quy tắc hai người", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.False((await VersionAsync(preparer, Pack, version)).GetProperty("active").GetBoolean());

        var activated = await other.PostAsync($"/api/packs/{Pack}/versions/{version}/activate", null);

        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.True((await VersionAsync(preparer, Pack, version)).GetProperty("active").GetBoolean());
        var audit = await _factory.WithServicesAsync(async s => await s.GetRequiredService<AntqDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action.StartsWith("pack.") && a.DetailsJson.Contains(version)).Select(a => new { a.Action, a.ActorName }).ToListAsync());
        Assert.Contains(audit, a => a.Action == "pack.uploaded" && a.ActorName == "admin@test.vn");
        Assert.Contains(audit, a => a.Action == "pack.activated" && a.ActorName == "Quản trị viên thứ hai");
    }

    [Fact]
    public async Task UploadedNewPack_NotActivatedOnUpload_UploaderRefused_OtherAdministratorActivates()
    {
        var (preparer, other) = await AdminsAsync();
        var files = PackArchives.Shipped(Pack);
        var manifest = JsonNode.Parse(files["pack.json"])!;
        manifest["id"] = "thu.hai-nguoi";
        files["pack.json"] = manifest.ToJsonString();

        var uploaded = await preparer.PostZipAsync("/api/packs", PackArchives.Zip(files));

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.False((await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activated").GetBoolean());
        var version = manifest["version"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await preparer.PostAsync($"/api/packs/thu.hai-nguoi/versions/{version}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync($"/api/packs/thu.hai-nguoi/versions/{version}/activate", null)).StatusCode);
    }
}
