using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Documents;

/// <summary>Staff template edits (checked like an upload, versioned) never alter issued documents; the public verify page.</summary>
public sealed class TemplatesAndVerifyTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Marker = "Ghi chú mẫu đã sửa";

    [Fact]
    public async Task TemplateEdit_IssuedDocumentUnchanged_ReissueUsesNewVersion()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var id = await commune.SubmitAsync(world.CommuneA1);
        var issued = (await commune.VersionsAsync(id, "to-trinh"))[0];
        var htmlBefore = await commune.BytesAsync(id, "to-trinh", 1);
        var docxBefore = await commune.BytesAsync(id, "to-trinh", 1, "docx");

        var template = await (await admin.GetAsync("/api/templates/to-trinh")).ExpectAsync(HttpStatusCode.OK);
        var source = template.GetProperty("source").GetString()!;
        var current = template.GetProperty("currentVersion").GetInt32();
        var edited = source.Replace("</body>", $"<p>{Marker} {{{{ unit.name }}}}</p>\n</body>", StringComparison.Ordinal);
        var saved = await (await admin.PutAsJsonAsync("/api/templates/to-trinh", new { source = edited, baseVersion = current, note = "Thêm dòng ghi chú" }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(current + 1, saved.GetProperty("currentVersion").GetInt32());

        // The issued version keeps its bytes and hash.
        Assert.Equal(htmlBefore, await commune.BytesAsync(id, "to-trinh", 1));
        Assert.Equal(docxBefore, await commune.BytesAsync(id, "to-trinh", 1, "docx"));
        var again = (await commune.VersionsAsync(id, "to-trinh")).Single(v => v.GetProperty("version").GetInt32() == 1);
        Assert.Equal(issued.GetProperty("htmlSha256").GetString(), again.GetProperty("htmlSha256").GetString());
        Assert.DoesNotContain(Marker, DocumentHttp.Text(htmlBefore));

        var reissued = await (await commune.ReissueAsync(id, "to-trinh")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(current + 1, reissued.GetProperty("templateVersion").GetInt32());
        Assert.Contains($"{Marker} {world.CommuneA1.Name}", DocumentHttp.Text(await commune.BytesAsync(id, "to-trinh", 2)));

        // Revert: a new version equal to the old one; the next issue renders without the marker.
        var reverted = await (await admin.PostAsJsonAsync("/api/templates/to-trinh/revert", new { version = current, baseVersion = current + 1 }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(current + 2, reverted.GetProperty("currentVersion").GetInt32());
        Assert.Equal(source, reverted.GetProperty("source").GetString());
        var versions = reverted.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(versions[^current].GetProperty("sha256").GetString(), versions[0].GetProperty("sha256").GetString());
        await (await commune.ReissueAsync(id, "to-trinh")).ExpectAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(Marker, DocumentHttp.Text(await commune.BytesAsync(id, "to-trinh", 3)));
    }

    [Theory]
    [InlineData("{{ include '/etc/passwd' }}", "template.forbidden")]
    [InlineData("{{ object.eval \"1 + 1\" }}", "template.forbidden")]
    [InlineData("<p>\n  {{ while true }}x{{ end }}</p>", "template.render")]
    [InlineData("<p>{{ unit.nam }}</p>", "template.render")]
    [InlineData("<p>{{ if }}</p>", "template.parse")]
    public async Task SaveTemplate_Hostile_RefusedWithPositionAndNothingSaved(string source, string code)
    {
        await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var before = await (await admin.GetAsync("/api/templates/bao-cao-ket-qua")).ExpectAsync(HttpStatusCode.OK);
        var version = before.GetProperty("currentVersion").GetInt32();

        var problem = await (await admin.PutAsJsonAsync("/api/templates/bao-cao-ket-qua", new { source, baseVersion = version }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("chưa được lưu", problem.GetProperty("detail").GetString());
        var error = problem.GetProperty("errors").EnumerateArray().First();
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.True(error.GetProperty("line").GetInt32() >= 1);
        Assert.True(error.GetProperty("column").GetInt32() >= 1);
        Assert.Matches("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", error.GetProperty("message").GetString()!);

        var after = await (await admin.GetAsync("/api/templates/bao-cao-ket-qua")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(version, after.GetProperty("currentVersion").GetInt32());
        // The server still answers the next request normally.
        await (await admin.GetAsync("/api/templates")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Templates_NonAdminRefused_StaleBaseConflicts_PreviewShowsPosition()
    {
        var world = await factory.WorldAsync();
        var reviewer = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        await (await reviewer.GetAsync("/api/templates")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await reviewer.PutAsJsonAsync("/api/templates/to-trinh", new { source = "<p>x</p>", baseVersion = 1 })).ExpectAsync(HttpStatusCode.Forbidden);

        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var list = await (await admin.GetAsync("/api/templates")).ExpectAsync(HttpStatusCode.OK);
        var keys = list.EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToList();
        Assert.Contains("to-trinh", keys);
        Assert.Contains("bien-ban-hop-xet", keys);
        var detail = await (await admin.GetAsync("/api/templates/bien-ban-hop-xet")).ExpectAsync(HttpStatusCode.OK);
        var current = detail.GetProperty("currentVersion").GetInt32();
        var stale = await (await admin.PutAsJsonAsync("/api/templates/bien-ban-hop-xet", new { source = detail.GetProperty("source").GetString(), baseVersion = current - 1 }))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(current, stale.GetProperty("currentVersion").GetInt32());

        var commune = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var id = await commune.CreateSubmissionAsync(world.CommuneA2, DocumentHttp.Pack, 2025, DocumentHttp.ValidCommune);
        var preview = await (await admin.PostAsJsonAsync("/api/templates/to-trinh/preview", new { source = "<p>{{ unit.name }}</p>", submissionId = id }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal($"<p>{world.CommuneA2.Name}</p>", preview.GetProperty("html").GetString());
        var broken = await (await admin.PostAsJsonAsync("/api/templates/to-trinh/preview", new { source = "<p>\n  {{ unit.nam }}</p>", submissionId = id }))
            .ExpectAsync(HttpStatusCode.OK);
        var error = Assert.Single(broken.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Null, broken.GetProperty("html").ValueKind);
    }

    [Fact]
    public async Task Verify_KnownSupersededUnknown_AnonymousAndNoLeak()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var id = await commune.SubmitAsync(world.CommuneB1);
        var first = (await commune.VersionsAsync(id, "bao-cao-ket-qua"))[0];
        var code = first.GetProperty("verificationCode").GetString()!;
        var anonymous = factory.CreateClient();

        var json = await GetJsonAsync(anonymous, $"/verify/{code}", HttpStatusCode.OK);
        Assert.Equal("current", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("current").GetBoolean());
        Assert.Equal(first.GetProperty("number").GetString(), json.GetProperty("number").GetString());
        Assert.Equal("BC", json.GetProperty("kind").GetString());
        Assert.Equal(world.CommuneB1.Name, json.GetProperty("issuingUnit").GetString());
        Assert.Equal(DocumentHttp.Pack, json.GetProperty("packId").GetString());
        Assert.Equal(first.GetProperty("htmlSha256").GetString(), json.GetProperty("contentHash").GetString());
        Assert.False(json.TryGetProperty("data", out _));
        Assert.DoesNotContain("submissionId", json.GetRawText(), StringComparison.OrdinalIgnoreCase);
        // Typed from paper: lower case and dashes are fine.
        await GetJsonAsync(anonymous, $"/verify/{code.ToLowerInvariant()[..12]}-{code.ToLowerInvariant()[12..]}", HttpStatusCode.OK);

        var page = await anonymous.GetAsync($"/verify/{code}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-status=\"current\"", html);
        Assert.Contains(first.GetProperty("number").GetString()!, html);

        await (await commune.ReissueAsync(id, "bao-cao-ket-qua")).ExpectAsync(HttpStatusCode.Created);
        var superseded = await GetJsonAsync(anonymous, $"/verify/{code}", HttpStatusCode.OK);
        Assert.Equal("superseded", superseded.GetProperty("status").GetString());
        Assert.Contains("data-status=\"superseded\"", await anonymous.GetStringAsync($"/verify/{code}"));

        foreach (var unknown in new[] { "AAAAAAAAAAAAAAAAAAAAAAAA", "not-a-code", new string('A', 500) })
        {
            var problem = await GetJsonAsync(anonymous, $"/verify/{unknown}", HttpStatusCode.NotFound);
            Assert.Equal("Không có văn bản nào mang mã xác thực này.", problem.GetProperty("detail").GetString());
            var notFoundPage = await anonymous.GetAsync($"/verify/{unknown}");
            Assert.Equal(HttpStatusCode.NotFound, notFoundPage.StatusCode);
            Assert.Contains("data-status=\"unknown\"", await notFoundPage.Content.ReadAsStringAsync());
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await (await client.SendAsync(request)).ExpectAsync(status);
    }
}
