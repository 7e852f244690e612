using System.Net;
using System.Text;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using MiniExcelLibs;

namespace Antq.Admin.Tests.Exports;

/// <summary>The other lists through the one table writer: each answers XLSX and CSV within the caller's scope.</summary>
public sealed class ListExportTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Units_OnlyTheCallersScope()
    {
        var world = await factory.WorldAsync();
        var reviewer = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var csv = await CsvAsync(reviewer, "/api/exports/units?format=csv");
        Assert.Contains(world.CommuneB1.Name, csv);
        Assert.DoesNotContain(world.CommuneA1.Name, csv);
        var rows = await XlsxRowsAsync(reviewer, "/api/exports/units", "Đơn vị");
        Assert.Contains(rows, r => (string?)r["Mã đơn vị"] == world.CommuneB1.Code);
        Assert.DoesNotContain(rows, r => (string?)r["Mã đơn vị"] == world.CommuneA1.Code);
    }

    [Fact]
    public async Task Accounts_ReviewQueue_Deadlines_Dashboard_Audit()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        Assert.Contains("xa-a1@test.vn", await CsvAsync(admin, "/api/exports/accounts?format=csv"));

        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2034, Samples.ValidCommune);
        await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);

        var reviewer = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var queue = await XlsxRowsAsync(reviewer, "/api/exports/review-queue", "Cần xem xét");
        Assert.Contains(queue, r => (string?)r["Đơn vị"] == world.CommuneA1.Name && (double?)r["Năm"] == 2034);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/api/exports/deadlines?year=2034&format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/api/exports/dashboard?year=2034")).StatusCode);

        var audit = await CsvAsync(reviewer, $"/api/exports/dossiers/{id}/audit?format=csv");
        Assert.Contains("Gửi xét duyệt", audit);
        var outside = await (await TestWorld.LoginAsync(factory, "huyen-b@test.vn")).GetAsync($"/api/exports/dossiers/{id}/audit");
        Assert.True(outside.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"got {(int)outside.StatusCode}");
    }

    private static async Task<string> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    private static async Task<List<IDictionary<string, object?>>> XlsxRowsAsync(HttpClient client, string url, string sheet)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }
}
