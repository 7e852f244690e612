using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Documents;

/// <summary>What the template editor asks while an official types: the live preview with the sample test case, and the variables to insert.</summary>
public sealed class TemplateEditorApiTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Preview_WithoutSubmission_RendersTheSampleTestCase_ErrorsAtTheirLine()
    {
        var admin = await TestWorld.AdminAsync(factory);

        var preview = await (await admin.PostAsJsonAsync("/api/templates/to-trinh/preview", new { source = "<p>{{ year }} — {{ pack.id }}</p>" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Matches(@"^<p>\d{4} — [a-z0-9.-]+</p>$", preview.GetProperty("html").GetString());
        Assert.Contains("ca kiểm thử", preview.GetProperty("sample").GetString());
        var broken = await (await admin.PostAsJsonAsync("/api/templates/to-trinh/preview", new { source = "<p>a</p>\n{{ for x in pack.legal_basis }}" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(broken.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.StartsWith("Lỗi cú pháp mẫu", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Variables_FromTheModel_WithMeaningSampleAndSnippet_AdministratorsOnly()
    {
        var admin = await TestWorld.AdminAsync(factory);

        var variables = (await admin.GetFromJsonAsync<JsonElement>("/api/templates/to-trinh/variables")).EnumerateArray().ToList();

        var unitName = variables.Single(v => v.GetProperty("path").GetString() == "unit.name");
        Assert.Equal("Tên đơn vị", unitName.GetProperty("meaning").GetString());
        Assert.Equal("{{ unit.name }}", unitName.GetProperty("snippet").GetString());
        Assert.Contains(variables, v => v.GetProperty("path").GetString() == "evaluation.criteria[].title");
        var reviewer = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/templates/to-trinh/variables")).StatusCode);
    }
}
