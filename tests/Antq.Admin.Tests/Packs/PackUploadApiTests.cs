using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Packs;

/// <summary>Uploading revisions, activating and rolling back, and what a refused or repeated upload does.</summary>
public sealed class PackUploadApiTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private async Task<HttpClient> Admin()
    {
        await factory.WorldAsync();
        return await TestWorld.LoginAsync(factory, "admin@test.vn");
    }

    private static async Task<string?> ActiveVersionAsync(HttpClient client, string packId)
    {
        var packs = await client.GetFromJsonAsync<JsonElement>("/api/packs");
        return packs.EnumerateArray().Single(p => p.GetProperty("id").GetString() == packId).GetProperty("activeVersion").GetString();
    }

    private static async Task<string> VersionsJsonAsync(HttpClient client, string packId) =>
        await client.GetStringAsync($"/api/packs/{packId}/versions");

    private static async Task<JsonElement> EvaluateAsync(HttpClient client, int recognised)
    {
        var response = await client.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/evaluate",
            new { unit = new { kind = "xa" }, year = 2025, data = PackZips.Tt124DataWithRecognised(recognised) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Upload_RevisedVersion_StoredInactiveThenActivatedAndRolledBack()
    {
        var admin = await Admin();
        var unit = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");

        var response = await PackZips.UploadAsync(admin, PackZips.Zip(PackZips.Tt124Revision(PackZips.Tt124Next, 75)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Next}", response.Headers.Location?.OriginalString);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(PackZips.Tt124, created.GetProperty("id").GetString());
        Assert.Equal(PackZips.Tt124Next, created.GetProperty("version").GetString());
        Assert.False(created.GetProperty("activated").GetBoolean());

        var versions = await unit.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/versions");
        Assert.Equal([PackZips.Tt124Version, PackZips.Tt124Next], versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        var revision = versions.EnumerateArray().Last();
        Assert.False(revision.GetProperty("active").GetBoolean());
        Assert.Equal("admin@test.vn", revision.GetProperty("uploadedBy").GetString());
        var location = await unit.GetFromJsonAsync<JsonElement>(response.Headers.Location!.OriginalString);
        Assert.Equal(revision.GetProperty("sha256").GetString(), location.GetProperty("sha256").GetString());

        // Not active yet: 72% recognised still passes under the shipped version's 70%.
        Assert.Equal(PackZips.Tt124Version, await ActiveVersionAsync(unit, PackZips.Tt124));
        Assert.Equal(PackZips.Tt124Version, (await unit.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/form")).GetProperty("version").GetString());
        Assert.Equal("dat", (await EvaluateAsync(unit, 72)).GetProperty("outcome").GetProperty("id").GetString());

        var activated = await admin.PostAsync($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Next}/activate", null);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        var activation = await activated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(PackZips.Tt124Next, activation.GetProperty("activeVersion").GetString());
        Assert.Equal(PackZips.Tt124Version, activation.GetProperty("previousVersion").GetString());

        Assert.Equal(PackZips.Tt124Next, await ActiveVersionAsync(unit, PackZips.Tt124));
        Assert.Equal(PackZips.Tt124Next, (await unit.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/form")).GetProperty("version").GetString());
        var underRevision = await EvaluateAsync(unit, 72);
        Assert.Equal(PackZips.Tt124Next, underRevision.GetProperty("pack").GetProperty("version").GetString());
        Assert.Equal("chua-dat", underRevision.GetProperty("outcome").GetProperty("id").GetString());

        var rolledBack = await admin.PostAsync($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Version}/activate", null);
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        Assert.Equal(PackZips.Tt124Version, (await rolledBack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activeVersion").GetString());
        Assert.Equal(PackZips.Tt124Version, (await unit.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/form")).GetProperty("version").GetString());
        var afterRollback = await EvaluateAsync(unit, 72);
        Assert.Equal(PackZips.Tt124Version, afterRollback.GetProperty("pack").GetProperty("version").GetString());
        Assert.Equal("dat", afterRollback.GetProperty("outcome").GetProperty("id").GetString());

        // The stored revision still answers when asked for by version.
        Assert.Equal(PackZips.Tt124Next, (await unit.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/form?version={PackZips.Tt124Next}")).GetProperty("version").GetString());
    }

    [Fact]
    public async Task Upload_SameVersionAgain_SameContentNoOpOtherContent409()
    {
        var admin = await Admin();
        const string pack = "tt124.co-so-giao-duc";
        var zip = PackZips.Zip(PackZips.WithVersion(PackZips.Shipped(pack), "1.0.1"));
        Assert.Equal(HttpStatusCode.Created, (await PackZips.UploadAsync(admin, zip)).StatusCode);
        var before = await VersionsJsonAsync(admin, pack);

        var again = await PackZips.UploadAsync(admin, zip);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(pack, body.GetProperty("id").GetString());
        Assert.Equal("1.0.1", body.GetProperty("version").GetString());

        // The shipped version, zipped by hand: the same content as the server imported.
        Assert.Equal(HttpStatusCode.OK, (await PackZips.UploadAsync(admin, PackZips.Zip(PackZips.Shipped(pack)))).StatusCode);

        var other = PackZips.WithVersion(PackZips.Shipped(pack), "1.0.1");
        other["README.md"] += "\nSửa đổi.";
        var conflict = await PackZips.UploadAsync(admin, PackZips.Zip(other));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1.0.1", (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        Assert.Equal(before, await VersionsJsonAsync(admin, pack));
        Assert.Equal(PackZips.ShippedVersion(pack), await ActiveVersionAsync(admin, pack));
    }

    public static TheoryData<string, string> RefusedUploads => new()
    {
        { "missing-field", "rules.json" },
        { "dot-dot", "../" },
        { "not-a-zip", "goi.zip" },
        { "over-10-mib", "goi.zip" },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task Upload_Refused_422WithErrorsAndRegistryUnchanged(string kind, string expectedPath)
    {
        var admin = await Admin();
        var before = await VersionsJsonAsync(admin, PackZips.Tt124);
        var activeBefore = await ActiveVersionAsync(admin, PackZips.Tt124);
        var files = PackZips.Tt124Revision("3.0.0", 75);
        byte[] zip = kind switch
        {
            // Two rules read fields the form does not have: both must be reported.
            "missing-field" => PackZips.Zip(Edit(files, r => r
                .Replace("form.tc02.k2.thuc_hien_day_du == true", "form.tc02.k2.khong_co_truong_nay == true", StringComparison.Ordinal)
                .Replace("form.tc03.chu_dong_tham_muu == true", "form.tc03.cung_khong_co == true", StringComparison.Ordinal))),
            "dot-dot" => PackZips.Zip(files, ("../ngoai-goi.json", "{}")),
            "over-10-mib" => new byte[10 * 1024 * 1024 + 1],
            _ => "đây không phải tệp zip"u8.ToArray(),
        };

        var response = await PackZips.UploadAsync(admin, zip);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("path").GetString()));
        });
        Assert.Contains(errors, e => e.GetProperty("path").GetString()!.Contains(expectedPath, StringComparison.Ordinal));
        if (kind == "missing-field") Assert.True(errors.Count >= 2, string.Join("\n", errors));
        Assert.Equal(before, await VersionsJsonAsync(admin, PackZips.Tt124));
        Assert.Equal(activeBefore, await ActiveVersionAsync(admin, PackZips.Tt124));
    }

    [Fact]
    public async Task Upload_NoFile_422()
    {
        var admin = await Admin();
        using var content = new MultipartFormDataContent { { new StringContent("x"), "khac" } };
        var response = await admin.PostAsync("/api/packs", content);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    private static Dictionary<string, string> Edit(Dictionary<string, string> files, Func<string, string> rules)
    {
        var edited = rules(files["rules.json"]);
        Assert.NotEqual(files["rules.json"], edited);
        files["rules.json"] = edited;
        return files;
    }
}
