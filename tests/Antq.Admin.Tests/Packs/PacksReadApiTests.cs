using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Features.Packs;
using Antq.Admin.Tests.Support;
using Antq.FormEngine.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Packs;

/// <summary>The read side of the registry on the shipped packs, and who may call which route.</summary>
public sealed class PacksReadApiTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private async Task<HttpClient> As(string email)
    {
        await factory.WorldAsync();
        return await TestWorld.LoginAsync(factory, email);
    }

    [Fact]
    public async Task List_UnitAccount_ShippedPacksWithActiveVersion()
    {
        var client = await As("xa-a1@test.vn");
        var packs = await client.GetFromJsonAsync<JsonElement>("/api/packs");
        var ids = packs.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(["qd9745.co-quan-doanh-nghiep-giao-duc", "qd9745.xa", "tt124.co-quan-doanh-nghiep", "tt124.co-so-giao-duc", "tt124.khu-dan-cu", "tt124.xa"], ids);
        var tt124 = packs.EnumerateArray().Single(p => p.GetProperty("id").GetString() == PackZips.Tt124);
        Assert.Equal(PackZips.Tt124Version, tt124.GetProperty("activeVersion").GetString());
        Assert.Equal("district", tt124.GetProperty("recognisedBy").GetString());
        Assert.Equal(1, tt124.GetProperty("versions").GetInt32());
        Assert.Contains("phuong", tt124.GetProperty("unitKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.StartsWith("Tiêu chuẩn “An toàn về an ninh, trật tự”", tt124.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Versions_ShippedPack_OneActiveVersionWithHash()
    {
        var client = await As("huyen-a@test.vn");
        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/versions");
        var only = Assert.Single(versions.EnumerateArray());
        Assert.Equal(PackZips.Tt124Version, only.GetProperty("version").GetString());
        Assert.True(only.GetProperty("active").GetBoolean());
        Assert.Matches("^[0-9a-f]{64}$", only.GetProperty("sha256").GetString());
        Assert.Equal("system", only.GetProperty("uploadedBy").GetString());
        Assert.True(only.TryGetProperty("uploadedAt", out _));
    }

    [Fact]
    public async Task Versions_UnknownPack_404ProblemDetails()
    {
        var client = await As("xa-a1@test.vn");
        var response = await client.GetAsync("/api/packs/khong-co/versions");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Form_ActiveVersion_SchemaCriteriaDocumentsDeadlines()
    {
        var client = await As("xa-b1@test.vn");
        var form = await client.GetFromJsonAsync<JsonElement>("/api/packs/qd9745.xa/form");
        Assert.Equal("qd9745.xa", form.GetProperty("id").GetString());
        Assert.Equal(PackZips.Tt124Version, form.GetProperty("version").GetString());
        Assert.Equal("object", form.GetProperty("schema").GetProperty("type").GetString());
        Assert.True(form.GetProperty("schema").TryGetProperty("x-ui", out _) || form.GetProperty("schema").TryGetProperty("properties", out _));
        var criteria = form.GetProperty("criteria").EnumerateArray().ToList();
        var ids = criteria.Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 34).Select(i => $"TC{i:00}"), ids.Where(id => id!.StartsWith("TC", StringComparison.Ordinal)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(criteria, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("title").GetString())));
        Assert.Contains("to-trinh", form.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        var deadline = form.GetProperty("deadlines").EnumerateArray().First();
        Assert.Matches(@"^\d\d-\d\d$", deadline.GetProperty("due").GetString());
        Assert.All(deadline.GetProperty("remind").EnumerateArray(), r => Assert.StartsWith("P", r.GetString()));
    }

    [Fact]
    public async Task Form_UnknownPackOrVersion_404()
    {
        var client = await As("xa-a1@test.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/packs/khong-co/form")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/packs/{PackZips.Tt124}/form?version=9.9.9")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/packs/{PackZips.Tt124}/form?version={PackZips.Tt124Version}")).StatusCode);
    }

    [Fact]
    public async Task Evaluate_PassingData_EvaluationResultOfActiveVersion()
    {
        var client = await As("xa-a1@test.vn");
        var response = await client.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/evaluate",
            new { unit = new { kind = "phuong" }, year = 2025, data = PackZips.Tt124TestData("01-dat-tat-ca.json") });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(PackZips.Tt124, result.GetProperty("pack").GetProperty("id").GetString());
        Assert.Equal(PackZips.Tt124Version, result.GetProperty("pack").GetProperty("version").GetString());
        Assert.True(result.GetProperty("valid").GetBoolean());
        Assert.Equal("dat", result.GetProperty("outcome").GetProperty("id").GetString());
        Assert.Equal(4, result.GetProperty("summary").GetProperty("met").GetInt32());
        var tc04 = result.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "TC04");
        Assert.Equal("met", tc04.GetProperty("status").GetString());
        Assert.Equal(2, tc04.GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task Evaluate_SourceGeneratedAnswer_SameJsonAsTheReflectionSerialiser()
    {
        var client = await As("xa-a1@test.vn");
        // Invalid data: field errors (with their optional members) as well as criteria, outcome and summary.
        var data = PackZips.Tt124TestData("21-khong-hop-le-so-am.json");

        var response = await client.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/evaluate",
            new { unit = new { kind = "xa", code = "X01", name = "Xã Thử", level = "commune" }, year = 2025, data });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = await factory.WithServicesAsync(async s =>
        {
            var pack = await s.GetRequiredService<PackCatalog>().GetActiveAsync(PackZips.Tt124);
            var result = pack!.Evaluate(new UnitInfo("xa", "X01", "Xã Thử", "commune"), 2025, JsonSerializer.SerializeToElement(data));
            return JsonSerializer.SerializeToElement(result, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEmpty(answer.GetProperty("errors").EnumerateArray());
        Assert.True(JsonElement.DeepEquals(expected, answer), answer.GetRawText());
    }

    [Fact]
    public async Task Evaluate_MissingData_NotEvaluableNotError()
    {
        var client = await As("xa-a1@test.vn");
        var response = await client.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/evaluate",
            new { unit = new { kind = "xa" }, year = 2025, data = new JsonObject() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, result.GetProperty("summary").GetProperty("notEvaluable").GetInt32());
    }

    [Theory]
    [InlineData("""{ "unit": { "kind": "co-quan" }, "year": 2025, "data": {} }""")]
    [InlineData("""{ "unit": {}, "year": 2025, "data": {} }""")]
    [InlineData("""{ "year": 2025, "data": {} }""")]
    [InlineData("""{ "unit": { "kind": "xa" }, "year": 2025 }""")]
    [InlineData("""{ "unit": { "kind": "xa" }, "year": 2025, "data": null }""")]
    public async Task Evaluate_WrongKindOrNoData_400ProblemDetails(string body)
    {
        var client = await As("xa-a1@test.vn");
        var response = await client.PostAsync($"/api/packs/{PackZips.Tt124}/evaluate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Evaluate_UnknownPack_404()
    {
        var client = await As("xa-a1@test.vn");
        var response = await client.PostAsJsonAsync("/api/packs/khong-co/evaluate", new { unit = new { kind = "xa" }, year = 2025, data = new { } });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string, string> AllRoutes => new()
    {
        { "GET", "/api/packs" },
        { "POST", "/api/packs" },
        { "GET", $"/api/packs/{PackZips.Tt124}/versions" },
        { "GET", $"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Version}" },
        { "POST", $"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Version}/activate" },
        { "GET", $"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Version}/impact" },
        { "GET", $"/api/packs/{PackZips.Tt124}/form" },
        { "POST", $"/api/packs/{PackZips.Tt124}/evaluate" },
    };

    [Theory]
    [MemberData(nameof(AllRoutes))]
    public async Task AnyRoute_Anonymous_401(string method, string url)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        HttpContent? content = method != "POST" ? null
            : url == "/api/packs" ? new MultipartFormDataContent { { new ByteArrayContent(PackZips.Zip(PackZips.Shipped(PackZips.Tt124))), "file", "goi.zip" } }
            : JsonContent.Create(new { unit = new { kind = "xa" }, year = 2025, data = new { } });
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = content });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string, string> AdminRoutesByOthers()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var email in new[] { "tinh@test.vn", "huyen-a@test.vn", "xa-a1@test.vn", "truong-a@test.vn" })
        {
            data.Add(email, "POST", $"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Version}/activate");
            data.Add(email, "GET", $"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Version}/impact");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AdminRoutesByOthers))]
    public async Task AdminRoute_NonAdmin_403(string email, string method, string url)
    {
        var client = await As(email);
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("tinh@test.vn")]
    [InlineData("xa-a1@test.vn")]
    public async Task Upload_NonAdmin_403AndNothingStored(string email)
    {
        var client = await As(email);
        var zip = PackZips.Zip(PackZips.Tt124Revision("1.0.1-" + email[..4], 75));
        var response = await PackZips.UploadAsync(client, zip);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/versions");
        Assert.Equal(1, versions.GetArrayLength());
    }

    [Fact]
    public async Task Activate_UnknownVersion_404()
    {
        var admin = await As("admin@test.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/packs/{PackZips.Tt124}/versions/9.9.9/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/packs/khong-co/versions/2.1.0/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/packs/{PackZips.Tt124}/versions/9.9.9/impact")).StatusCode);
    }
}
