using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using MiniExcelLibs;

namespace Antq.Admin.Tests.Documents;

/// <summary>
/// Numbering per Decree 30 (Điều 15): the organisation's setting — one yearly sequence (default), a series per kind,
/// or the number its clerk enters ("chờ cấp số") — and the outgoing register (Sổ đăng ký văn bản đi).
/// </summary>
public sealed class NumberingTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private static int Today => DateTime.UtcNow.AddHours(7).Year;

    private static Task<HttpResponseMessage> SetModeAsync(HttpClient client, int unitId, string mode) =>
        client.PutAsJsonAsync($"/api/units/{unitId}/numbering", new { mode });

    private static async Task<JsonElement> CurrentAsync(HttpClient client, Guid id, string documentId) =>
        (await client.VersionsAsync(id, documentId))[0];

    [Fact]
    public async Task PerKindMode_EachKindItsOwnSeries_ParallelIssuesNeverShareANumber()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var set = await (await SetModeAsync(admin, world.AgencyA.Id, "per-kind")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("per-kind", set.GetProperty("mode").GetString());

        var agency = await TestWorld.LoginAsync(factory, "truong-a@test.vn");
        Assert.Equal("per-kind", (await (await agency.GetAsync($"/api/units/{world.AgencyA.Id}/numbering")).ExpectAsync(HttpStatusCode.OK)).GetProperty("mode").GetString());
        var id = await agency.CreateSubmissionAsync(world.AgencyA, Samples.SchoolPack, 2020, Samples.ValidSchool);
        await (await agency.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("01/TTr", (await CurrentAsync(agency, id, "to-trinh")).GetProperty("number").GetString());
        Assert.Equal("01/BC", (await CurrentAsync(agency, id, "bao-cao-ket-qua")).GetProperty("number").GetString());

        const int parallel = 6;
        var clients = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => TestWorld.LoginAsync(factory, "truong-a@test.vn")));
        var responses = await Task.WhenAll(clients.Select((c, i) => c.ReissueAsync(id, i % 2 == 0 ? "to-trinh" : "bao-cao-ket-qua")));
        foreach (var response in responses) await response.ExpectAsync(HttpStatusCode.Created);
        var numbers = (await agency.DocumentsAsync(id)).GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("number").GetString()!).ToList();
        // The school's own meeting minutes (TT124 Điều 9 khoản 1 c) are a series of their own, taken before sending.
        Assert.Equal(["01/BB", "01/BC", "01/TTr", "02/BC", "02/TTr", "03/BC", "03/TTr", "04/BC", "04/TTr"], numbers.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task ClerkMode_DocumentsAwaitTheirNumber_ClerkEntersIt_UniqueInTheYear()
    {
        var world = await factory.WorldAsync();
        var b1 = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        await (await SetModeAsync(b1, world.CommuneB1.Id, "clerk")).ExpectAsync(HttpStatusCode.OK);
        var id = await b1.SubmitAsync(world.CommuneB1, 2020);

        var toTrinh = await CurrentAsync(b1, id, "to-trinh");
        Assert.Equal("", toTrinh.GetProperty("number").GetString());
        Assert.True(toTrinh.GetProperty("awaitingNumber").GetBoolean());
        var html = DocumentHttp.Text(await b1.BytesAsync(id, "to-trinh"));
        Assert.Contains("VĂN BẢN CHỜ CẤP SỐ", html);
        Assert.Contains("VĂN BẢN CHỜ CẤP SỐ", DocumentHttp.DocxPart(await b1.BytesAsync(id, "to-trinh", format: "docx"), "word/document.xml"));
        var anonymous = factory.CreateClient();
        var code = toTrinh.GetProperty("verificationCode").GetString()!;
        var verified = await (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/verify/{code}") { Headers = { { "Accept", "application/json" } } }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("awaitingNumber").GetBoolean());
        Assert.Contains("chờ cấp số", await (await anonymous.GetAsync($"/verify/{code}")).Content.ReadAsStringAsync());

        // Only the issuing organisation's staff enter it: the district above sees it but is not its clerk; another commune does not see it.
        var documentId = toTrinh.GetProperty("id").GetInt64();
        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var entry = new { number = "07/TTr-UBND", date = today };
        await (await (await TestWorld.LoginAsync(factory, "huyen-b@test.vn")).PostAsJsonAsync($"/api/documents/{documentId}/number", entry)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await (await TestWorld.LoginAsync(factory, "xa-a1@test.vn")).PostAsJsonAsync($"/api/documents/{documentId}/number", entry)).ExpectAsync(HttpStatusCode.NotFound);
        await (await b1.PostAsJsonAsync($"/api/documents/{documentId}/number", new { number = " ", date = today })).ExpectAsync(HttpStatusCode.BadRequest);

        var numbered = await (await b1.PostAsJsonAsync($"/api/documents/{documentId}/number", entry)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("07/TTr-UBND", numbered.GetProperty("number").GetString());
        var current = await CurrentAsync(b1, id, "to-trinh");
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Equal("07/TTr-UBND", current.GetProperty("number").GetString());
        var numberedHtml = DocumentHttp.Text(await b1.BytesAsync(id, "to-trinh"));
        Assert.Contains("07/TTr-UBND", numberedHtml);
        Assert.DoesNotContain("VĂN BẢN CHỜ CẤP SỐ", numberedHtml);
        // The awaiting version stays (superseded) and cannot be numbered again.
        await (await b1.PostAsJsonAsync($"/api/documents/{documentId}/number", new { number = "08/TTr-UBND", date = today })).ExpectAsync(HttpStatusCode.Conflict);

        // The same number for another document of the organisation in the year is refused, in Vietnamese.
        var baoCao = (await CurrentAsync(b1, id, "bao-cao-ket-qua")).GetProperty("id").GetInt64();
        var duplicate = await (await b1.PostAsJsonAsync($"/api/documents/{baoCao}/number", entry)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("đã được cấp cho một văn bản khác", duplicate.GetProperty("detail").GetString());
        await (await b1.PostAsJsonAsync($"/api/documents/{baoCao}/number", new { number = "08/BC-UBND", date = today })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ClerkMode_Decision_AwaitsItsNumber_ThenRecognisesWithItAndGrantsCertificates()
    {
        var world = await factory.WorldAsync();
        var districtB = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        await (await SetModeAsync(districtB, world.DistrictB.Id, "clerk")).ExpectAsync(HttpStatusCode.OK);
        var b1 = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var id = await b1.ApprovedAsync(world.CommuneB1, districtB, 2019);

        var issued = await (await districtB.PostAsJsonAsync("/api/recognition/decisions", new { submissionIds = new[] { id } })).ExpectAsync(HttpStatusCode.OK);
        var decision = issued.GetProperty("decision");
        Assert.True(decision.GetProperty("awaitingNumber").GetBoolean());
        Assert.Empty(issued.GetProperty("certificates").EnumerateArray());
        var waiting = await districtB.ReadSubmissionAsync(id);
        Assert.Equal("recognised", waiting.Status());

        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var numbered = await (await districtB.PostAsJsonAsync($"/api/documents/{decision.GetProperty("id").GetInt64()}/number",
            new { number = "123/QĐ-UBND", date = today })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("123/QĐ-UBND", numbered.GetProperty("number").GetString());
        Assert.Equal("123/QĐ-UBND", (await districtB.ReadSubmissionAsync(id)).GetProperty("decision").GetProperty("number").GetString());
        var certificate = await CurrentAsync(b1, id, "giay-cong-nhan");
        Assert.True(certificate.GetProperty("awaitingNumber").GetBoolean()); // the certificate has its own number in the register, also the clerk's
        Assert.Contains("Theo Quyết định số 123/QĐ-UBND", DocumentHttp.Text(await b1.BytesAsync(id, "giay-cong-nhan")));
    }

    [Fact]
    public async Task Setting_Refusals()
    {
        var world = await factory.WorldAsync();
        var a1 = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var bad = await (await SetModeAsync(a1, world.CommuneA1.Id, "tu-do")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("yearly, per-kind, clerk", bad.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await SetModeAsync(a1, world.CommuneB1.Id, "clerk")).StatusCode);
        // The district reviewer sees the commune's setting but does not change it.
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var view = await (await district.GetAsync($"/api/units/{world.CommuneA1.Id}/numbering")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("yearly", view.GetProperty("mode").GetString());
        Assert.False(view.GetProperty("canEdit").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await SetModeAsync(district, world.CommuneA1.Id, "clerk")).StatusCode);
    }

    [Fact]
    public async Task OutgoingRegister_XlsxAndCsv_OrganisationAndLevelsAboveOnly()
    {
        var world = await factory.WorldAsync();
        var a1 = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await a1.SubmitAsync(world.CommuneA1, 2020);
        var toTrinh = (await CurrentAsync(a1, id, "to-trinh")).GetProperty("number").GetString()!;
        var baoCao = (await CurrentAsync(a1, id, "bao-cao-ket-qua")).GetProperty("number").GetString()!;

        var url = $"/api/exports/outgoing-register?unitId={world.CommuneA1.Id}&year={Today}";
        var response = await a1.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = new MemoryStream(await response.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows, r => (string?)r["Số, ký hiệu văn bản"] == toTrinh);
        Assert.Equal("Tờ trình", row["Tên loại"]);
        Assert.StartsWith("Tờ trình đề nghị", (string)row["Trích yếu nội dung"]!);
        Assert.Equal("Chủ tịch", row["Người ký"]);
        Assert.Equal(DateTime.UtcNow.AddHours(7).Date, Assert.IsType<DateTime>(row["Ngày tháng văn bản"]).Date);
        Assert.Contains(rows, r => (string?)r["Số, ký hiệu văn bản"] == baoCao && (string?)r["Tên loại"] == "Báo cáo");

        var csv = await (await TestWorld.LoginAsync(factory, "huyen-a@test.vn")).GetAsync(url + "&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains(toTrinh, await csv.Content.ReadAsStringAsync());
        // Another commune (not the organisation, not above it) cannot read it.
        var other = await (await TestWorld.LoginAsync(factory, "xa-a2@test.vn")).GetAsync(url);
        Assert.True(other.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"got {(int)other.StatusCode}");
    }
}
