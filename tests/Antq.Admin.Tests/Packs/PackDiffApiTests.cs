using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Packs;

/// <summary>The readable diff between two stored versions, and what the list and versions say about activations.</summary>
public sealed class PackDiffApiTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Pack = PackZips.Tt124;

    private async Task<HttpClient> AdminWithRevisionAsync()
    {
        await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var upload = await PackZips.UploadAsync(admin, PackZips.Zip(PackZips.Tt124Revision(PackZips.Tt124Next, 75)));
        Assert.True(upload.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await upload.Content.ReadAsStringAsync());
        return admin;
    }

    [Fact]
    public async Task Diff_TwoStoredVersions_ListsVersionAndThresholdByArea()
    {
        var admin = await AdminWithRevisionAsync();

        var response = await admin.GetAsync($"/api/packs/{Pack}/diff?from={PackZips.Tt124Version}&to={PackZips.Tt124Next}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var diff = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((Pack, PackZips.Tt124Version, PackZips.Tt124Next), (diff.GetProperty("packId").GetString(), diff.GetProperty("fromVersion").GetString(), diff.GetProperty("toVersion").GetString()));
        var entries = diff.GetProperty("entries").EnumerateArray().ToList();
        var version = Assert.Single(entries, e => e.GetProperty("key").GetString() == "pack#version");
        Assert.Equal(("changed", "manifest", PackZips.Tt124Version, PackZips.Tt124Next), (version.GetProperty("kind").GetString(), version.GetProperty("area").GetString(),
            version.GetProperty("before").GetString(), version.GetProperty("after").GetString()));
        var threshold = Assert.Single(entries, e => e.GetProperty("key").GetString() == "TC04/TC04.b#expression");
        Assert.Equal("criteria", threshold.GetProperty("area").GetString());
        Assert.Contains("ngưỡng thay đổi 70 → 75", threshold.GetProperty("description").GetString());
        // The two test cases the revision dropped are not part of the readable diff.
        Assert.Equal(2, entries.Count);

        var back = await admin.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/diff?from={PackZips.Tt124Next}&to={PackZips.Tt124Version}");
        var reversed = back.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "TC04/TC04.b#expression");
        Assert.EndsWith(">= 70", reversed.GetProperty("after").GetString());
    }

    [Theory]
    [InlineData("?from={shipped}&to=9.9.9", HttpStatusCode.NotFound, "9.9.9")]
    [InlineData("?from=0.1.0&to={shipped}", HttpStatusCode.NotFound, "0.1.0")]
    [InlineData("?from={shipped}", HttpStatusCode.BadRequest, "?from=…&to=…")]
    public async Task Diff_UnknownOrMissingVersion_VietnameseProblem(string query, HttpStatusCode status, string named)
    {
        var admin = await AdminWithRevisionAsync();

        var response = await admin.GetAsync($"/api/packs/{Pack}/diff{query.Replace("{shipped}", PackZips.Tt124Version, StringComparison.Ordinal)}");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("huyen-a@test.vn")]
    [InlineData("xa-a1@test.vn")]
    public async Task Diff_NotAdministrator_Forbidden(string email)
    {
        await AdminWithRevisionAsync();
        var other = await TestWorld.LoginAsync(factory, email);

        var response = await other.GetAsync($"/api/packs/{Pack}/diff?from={PackZips.Tt124Version}&to={PackZips.Tt124Next}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("quản trị viên", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Versions_AfterActivationAndRollback_StatusAndListSayWhoAndWhen()
    {
        var admin = await AdminWithRevisionAsync();
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var draft = await commune.PutAsJsonAsync($"/api/submissions/{Guid.NewGuid()}",
            new { unitId = world.CommuneA1.Id, packId = Pack, year = 2025, data = new { } });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var reviewer = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var before = await reviewer.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions");
        Assert.Equal(["active", "never"], before.EnumerateArray().Select(v => v.GetProperty("status").GetString()));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/packs/{Pack}/versions/{PackZips.Tt124Next}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/packs/{Pack}/versions/{PackZips.Tt124Version}/activate", null)).StatusCode);

        var after = await reviewer.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions");
        Assert.Equal(["active", "previous"], after.EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        Assert.All(after.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.GetProperty("lastActivatedAt").ValueKind));
        var one = await reviewer.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions/{PackZips.Tt124Next}");
        Assert.Equal("previous", one.GetProperty("status").GetString());

        var listed = (await reviewer.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray().Single(p => p.GetProperty("id").GetString() == Pack);
        Assert.Equal(PackZips.Tt124Version, listed.GetProperty("activeVersion").GetString());
        Assert.Equal("admin@test.vn", listed.GetProperty("activatedBy").GetString());
        Assert.Equal(JsonValueKind.String, listed.GetProperty("activatedAt").ValueKind);
        Assert.Equal(2, listed.GetProperty("versions").GetInt32());
        // Submissions are counted in the account's scope: the commune's district sees it, the other district does not.
        Assert.Equal(1, listed.GetProperty("submissions").GetInt32());
        var otherDistrict = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var elsewhere = (await otherDistrict.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray().Single(p => p.GetProperty("id").GetString() == Pack);
        Assert.Equal(0, elsewhere.GetProperty("submissions").GetInt32());
    }
}
