using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Studio;

/// <summary>The studio's drafts over HTTP: start, save with revision (conflict), verify, export/import, publish, and who may.</summary>
public sealed class StudioApiTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Pack = "qd9745.xa";

    private static async Task<string> ActiveVersionAsync(HttpClient client)
    {
        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions");
        return versions.EnumerateArray().Single(v => v.GetProperty("active").GetBoolean()).GetProperty("version").GetString()!;
    }

    private static async Task<JsonElement> StartAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/studio/drafts", new { packId = Pack, version = await ActiveVersionAsync(client) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, string> Files(JsonElement draft) =>
        draft.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static Dictionary<string, string> WithTc03(Dictionary<string, string> files, string expression)
    {
        var rules = JsonNode.Parse(files["rules.json"])!.AsArray();
        var tc03 = rules[0]!["Rules"]!.AsArray().Single(r => r!["RuleName"]!.GetValue<string>() == "TC03")!;
        tc03["Expression"] = expression;
        return new Dictionary<string, string>(files) { ["rules.json"] = rules.ToJsonString() };
    }

    [Fact]
    public async Task Start_FromActiveVersion_ProposesNextMinorAndKeepsFiles()
    {
        var admin = await TestWorld.AdminAsync(factory);
        var active = await ActiveVersionAsync(admin);

        var draft = await StartAsync(admin);

        Assert.Equal(1, draft.GetProperty("revision").GetInt32());
        Assert.Equal(active, draft.GetProperty("baseVersion").GetString());
        var manifest = JsonNode.Parse(Files(draft)["pack.json"])!;
        // The next minor after the highest stored version (other tests of this class publish some).
        var stored = (await admin.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions")).EnumerateArray().Select(v => Version.Parse(v.GetProperty("version").GetString()!)).Max()!;
        Assert.Equal($"{stored.Major}.{stored.Minor + 1}.0", manifest["version"]!.GetValue<string>());
        Assert.Contains("tests/01-tat-ca-dat.json", Files(draft).Keys);
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/studio/drafts?packId={Pack}");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("id").GetInt32() == draft.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Save_TwoAdministratorsSameRevision_SecondGetsConflictAndNothingOverwritten()
    {
        var first = await TestWorld.AdminAsync(factory);
        var second = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var draft = await StartAsync(first);
        var id = draft.GetProperty("id").GetInt32();
        var files = Files(draft);

        var saved = await first.PutAsJsonAsync($"/api/studio/drafts/{id}", new { revision = 1, files = new Dictionary<string, string>(files) { ["README.md"] = "người thứ nhất" } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());

        var stale = await second.PutAsJsonAsync($"/api/studio/drafts/{id}", new { revision = 1, files = new Dictionary<string, string>(files) { ["README.md"] = "người thứ hai" } });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("tải lại", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var now = await first.GetFromJsonAsync<JsonElement>($"/api/studio/drafts/{id}");
        Assert.Equal(2, now.GetProperty("revision").GetInt32());
        Assert.Equal("người thứ nhất", Files(now)["README.md"]);
    }

    [Fact]
    public async Task Save_UnsafeFileName_RefusedLikeAnUpload()
    {
        var admin = await TestWorld.AdminAsync(factory);
        var draft = await StartAsync(admin);
        var id = draft.GetProperty("id").GetInt32();

        var response = await admin.PutAsJsonAsync($"/api/studio/drafts/{id}", new { revision = 1, files = new Dictionary<string, string>(Files(draft)) { ["../x.json"] = "{}" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task VerifyAndPublish_UnknownField_ErrorAtItsPointerNothingStored_ThenFixedPublishesInactive()
    {
        var admin = await TestWorld.AdminAsync(factory);
        var active = await ActiveVersionAsync(admin);
        var draft = await StartAsync(admin);
        var id = draft.GetProperty("id").GetInt32();
        var version = JsonNode.Parse(Files(draft)["pack.json"])!["version"]!.GetValue<string>();
        var broken = WithTc03(Files(draft), "form.tc03.khong_co >= 2");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/studio/drafts/{id}", new { revision = 1, files = broken })).StatusCode);

        var verdict = await (await admin.PostAsync($"/api/studio/drafts/{id}/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(verdict.GetProperty("ok").GetBoolean());
        var error = Assert.Single(verdict.GetProperty("errors").EnumerateArray());
        Assert.Matches(@"^rules\.json#/0/Rules/\d+/Expression$", error.GetProperty("path").GetString());
        Assert.Contains("khong_co", error.GetProperty("message").GetString());

        var refused = await admin.PostAsJsonAsync($"/api/studio/drafts/{id}/publish", new { revision = 2 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions");
        Assert.DoesNotContain(versions.EnumerateArray(), v => v.GetProperty("version").GetString() == version);

        var fixedFiles = WithTc03(Files(draft), "form.tc03.dat == true && form.tc01.dat == true");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/studio/drafts/{id}", new { revision = 2, files = fixedFiles })).StatusCode);
        var stale = await admin.PostAsJsonAsync($"/api/studio/drafts/{id}/publish", new { revision = 2 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var published = await admin.PostAsJsonAsync($"/api/studio/drafts/{id}/publish", new { revision = 3 });

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(active, await ActiveVersionAsync(admin));
        var diff = await admin.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/diff?from={active}&to={version}");
        Assert.Contains(diff.GetProperty("entries").EnumerateArray(), e => e.GetProperty("key").GetString()!.StartsWith("TC03", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportImportExport_IdenticalBytes()
    {
        var admin = await TestWorld.AdminAsync(factory);
        var draft = await StartAsync(admin);
        var id = draft.GetProperty("id").GetInt32();
        var first = await admin.GetByteArrayAsync($"/api/studio/drafts/{id}/export");

        var imported = await admin.PostZipAsync($"/api/studio/drafts/{id}/import?revision=1", first);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var second = await admin.GetByteArrayAsync($"/api/studio/drafts/{id}/export");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task CheckExpression_UnknownField_LoaderMessageAtGivenPointer()
    {
        var admin = await TestWorld.AdminAsync(factory);
        var draft = await StartAsync(admin);
        var schema = Files(draft)["form.schema.json"];

        var ok = await (await admin.PostAsJsonAsync("/api/studio/expressions/check", new { schema, expression = "form.tc03.dat == true", location = "rules.json#/0/Rules/4/Expression" })).Content.ReadFromJsonAsync<JsonElement>();
        var bad = await (await admin.PostAsJsonAsync("/api/studio/expressions/check", new { schema, expression = "form.tc03.khong_co == true", location = "rules.json#/0/Rules/4/Expression" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(ok.GetProperty("ok").GetBoolean());
        Assert.False(bad.GetProperty("ok").GetBoolean());
        Assert.Equal("rules.json#/0/Rules/4/Expression", bad.GetProperty("error").GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("tinh@test.vn")]
    [InlineData("huyen-a@test.vn")]
    [InlineData("xa-a1@test.vn")]
    public async Task Studio_NotProvinceAdministrator_Forbidden(string email)
    {
        var admin = await TestWorld.AdminAsync(factory);
        var draft = await StartAsync(admin);
        var other = await TestWorld.LoginAsync(factory, email);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/studio/drafts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/studio/drafts/{draft.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/api/studio/drafts", new { packId = Pack, version = await ActiveVersionAsync(admin) })).StatusCode);
    }

    [Fact]
    public async Task NewPack_ManifestForm_CheckedByTheLoader_ErrorsAtTheirPointers_NothingCreated()
    {
        var admin = await TestWorld.AdminAsync(factory);
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/studio/drafts")).GetArrayLength();

        var refused = await admin.PostAsJsonAsync("/api/studio/drafts/new", new
        {
            id = "Bo Moi", title = "", version = "một", unitKinds = new[] { "xa", "khong-co-loai-nay" }, recognisedBy = "district",
            recognition = new[] { new { by = "", unitKinds = new[] { "xa" } } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var paths = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("pack.json#/id", paths);
        Assert.Contains("pack.json#/title", paths);
        Assert.Contains("pack.json#/version", paths);
        Assert.Contains("pack.json#/recognition/0/by", paths);
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/studio/drafts")).GetArrayLength());

        var taken = await admin.PostAsJsonAsync("/api/studio/drafts/new", new { id = Pack, title = "Trùng mã", unitKinds = new[] { "xa" }, recognisedBy = "district" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("studio.pack-exists", await taken.Content.ReadAsStringAsync());
        var unknownKind = await admin.PostAsJsonAsync("/api/studio/drafts/new", new { id = "thu.loai-la", title = "Loại lạ", unitKinds = new[] { "khong-co-loai-nay" }, recognisedBy = "district" });
        Assert.Contains("pack.json#/unitKinds/0", await unknownKind.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NewPack_ManifestWithRecognitionRows_DraftVerifies()
    {
        var admin = await TestWorld.AdminAsync(factory);

        var created = await admin.PostAsJsonAsync("/api/studio/drafts/new", new
        {
            id = "thu.goi-moi", title = "Bộ tiêu chí thử", version = "0.9.0", year = 2026, unitKinds = new[] { "xa", "phuong" }, recognisedBy = "province",
            recognition = new object[]
            {
                new { by = "district", unitKinds = new[] { "xa" }, until = "2025-06-30" },
                new { by = "province", unitKinds = Array.Empty<string>(), from = "2025-07-01", delegable = true },
            },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
        var manifest = JsonNode.Parse(Files(draft)["pack.json"])!;
        Assert.Equal("0.9.0", manifest["version"]!.GetValue<string>());
        Assert.Equal("2026-01-01", manifest["effectiveFrom"]!.GetValue<string>());
        Assert.Equal("2025-06-30", manifest["recognition"]![0]!["until"]!.GetValue<string>());
        Assert.True(manifest["recognition"]![1]!["delegable"]!.GetValue<bool>());
        var verdict = await (await admin.PostAsync($"/api/studio/drafts/{draft.GetProperty("id").GetInt32()}/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verdict.GetProperty("ok").GetBoolean(), verdict.ToString());
    }
}
