using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Packs;
using Antq.Admin.Tests.Exports;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Antq.FormEngine.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Reports;

/// <summary>The yearly report as an issued document (number, code, versions, verify, scope), its deadline stage and the overdue filter.</summary>
public sealed partial class IssuedReportTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Issue_Reissue_Verify_AndScope()
    {
        const int year = 2036;
        var world = await factory.WorldAsync();
        await YearlyReportTests.StoreAsync(factory, world.CommuneA1, Samples.ValidCommune, SubmissionStatus.Recognised, "12/QĐ-UBND", new DateOnly(year, 10, 10), year);
        await YearlyReportTests.StoreAsync(factory, world.CommuneB1, Samples.ValidCommune, SubmissionStatus.Recognised, "77/QĐ-UBND", new DateOnly(year, 10, 11), year);
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");

        // The officer's assessment is required; a unit account cannot issue its level's report.
        Assert.Equal(HttpStatusCode.BadRequest, (await district.PostAsJsonAsync("/api/reports", new { year })).StatusCode);
        var unit = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsJsonAsync("/api/reports", new { year, assessment = "x" })).StatusCode);

        var first = await IssueAsync(district, new { year, assessment = "Phong trào chuyển biến tích cực.", proposals = "Đề nghị khen thưởng." });
        Assert.Matches(NumberPattern(), first.GetProperty("number").GetString()!);
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        var html = await district.GetStringAsync(first.GetProperty("links").GetProperty("html").GetString());
        var lines = HtmlLines.Of(html);
        Assert.Contains("- Phường Tân Phong: Quyết định số 12/QĐ-UBND ngày 10/10/2036;", lines);
        Assert.Contains("Phong trào chuyển biến tích cực.", lines);
        Assert.Contains(lines, l => l.Contains("Số: " + first.GetProperty("number").GetString(), StringComparison.Ordinal));
        Assert.Contains(first.GetProperty("verificationCode").GetString()!, html);
        // Another district's units never appear in this level's report.
        Assert.DoesNotContain(world.CommuneB1.Name, html);
        Assert.DoesNotContain("77/QĐ-UBND", html);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync(first.GetProperty("links").GetProperty("docx").GetString())).StatusCode);

        // Issuing again needs a reason and makes version 2 with a new number and code; version 1 stays, superseded.
        Assert.Equal(HttpStatusCode.BadRequest, (await district.PostAsJsonAsync("/api/reports", new { year, assessment = "Lần hai." })).StatusCode);
        var second = await IssueAsync(district, new { year, assessment = "Đánh giá bổ sung.", note = "Bổ sung số liệu" });
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.NotEqual(first.GetProperty("number").GetString(), second.GetProperty("number").GetString());
        Assert.Equal("superseded", (await VerifyAsync(first.GetProperty("verificationCode").GetString()!)).GetProperty("status").GetString());
        var verified = await VerifyAsync(second.GetProperty("verificationCode").GetString()!);
        Assert.Equal("current", verified.GetProperty("status").GetString());
        Assert.Equal("BC", verified.GetProperty("kind").GetString());
        Assert.Equal(world.DistrictA.Name, verified.GetProperty("issuingUnit").GetString());

        // The list: the district's two versions; the province sees them with its own; the other district sees neither the list nor the file.
        var list = await district.GetFromJsonAsync<JsonElement>($"/api/reports?year={year}");
        Assert.True(list.GetProperty("canIssue").GetBoolean());
        Assert.Equal([2, 1], list.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("version").GetInt32()).ToArray());
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        Assert.Equal(2, (await province.GetFromJsonAsync<JsonElement>($"/api/reports?year={year}")).GetProperty("reports").GetArrayLength());
        var other = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>($"/api/reports?year={year}")).GetProperty("reports").GetArrayLength());
        var foreign = await other.GetAsync(second.GetProperty("links").GetProperty("html").GetString());
        Assert.True(foreign.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"got {(int)foreign.StatusCode}");

        // The province issues its summary: to the Ministry, summarising both districts.
        var summary = await IssueAsync(province, new { year, assessment = "Toàn tỉnh hoàn thành kế hoạch." });
        var summaryText = await province.GetStringAsync(summary.GetProperty("links").GetProperty("html").GetString());
        Assert.Contains("Kính gửi: Bộ Công an.", summaryText);
        Assert.Contains("77/QĐ-UBND", summaryText);
        Assert.Contains("12/QĐ-UBND", summaryText);
    }

    [Fact]
    public async Task ReportedStage_IsDone_WhenTheLevelIssuesItsReport()
    {
        const int year = 2035;
        var world = await factory.WorldAsync();
        var deadline = new DeadlineDefinition("bao-cao", "Báo cáo kết quả năm", 10, 25, DeadlineStages.Reported, [], null, null, null);
        async Task<Dictionary<string, bool>> StatesAsync() => await factory.WithServicesAsync(async services =>
        {
            var pack = (await services.GetRequiredService<PackCatalog>().GetActiveAsync(Samples.CommunePack))!;
            var instance = (await services.GetRequiredService<DeadlineBoard>().ComputeAsync(year, [(pack, deadline)], null)).Single();
            return instance.Units.ToDictionary(u => u.Unit.Name, u => u.Done);
        });

        // The levels that report to the province: its children with units below them (here the two districts), none done yet.
        Assert.Equal(new Dictionary<string, bool> { [world.DistrictA.Name] = false, [world.DistrictB.Name] = false }, await StatesAsync());
        await IssueAsync(await TestWorld.LoginAsync(factory, "huyen-b@test.vn"), new { year, assessment = "Đã hoàn thành." });
        Assert.Equal(new Dictionary<string, bool> { [world.DistrictA.Name] = false, [world.DistrictB.Name] = true }, await StatesAsync());
    }

    [Fact]
    public async Task OverdueFilter_OnTheDossierExportAndList()
    {
        const int year = 2019; // long past: every deadline of the commune pack is due
        var world = await factory.WorldAsync();
        await YearlyReportTests.StoreAsync(factory, world.CommuneA1, Samples.ValidCommune, SubmissionStatus.Draft, null, null, year);
        await YearlyReportTests.StoreAsync(factory, world.CommuneA2, Samples.ValidCommune, SubmissionStatus.Recognised, "5/QĐ-UBND", new DateOnly(year, 11, 1), year);
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");

        var all = Encoding.UTF8.GetString(await district.GetByteArrayAsync($"/api/exports/dossiers?format=csv&year={year}"));
        Assert.Contains(world.CommuneA2.Name, all);
        var late = Encoding.UTF8.GetString(await district.GetByteArrayAsync($"/api/exports/dossiers?format=csv&year={year}&overdue=true"));
        Assert.Contains(world.CommuneA1.Name, late);
        Assert.DoesNotContain(world.CommuneA2.Name, late);

        var list = await district.GetFromJsonAsync<JsonElement>($"/api/submissions?year={year}&overdue=true");
        Assert.Equal([world.CommuneA1.Id], list.EnumerateArray().Select(s => s.GetProperty("unit").GetProperty("id").GetInt32()).ToArray());
    }

    private static async Task<JsonElement> IssueAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/reports", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> VerifyAsync(string code)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/verify/{code}");
        request.Headers.Accept.ParseAdd("application/json");
        var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [GeneratedRegex(@"^\d{2,}/BC-BCĐ$")]
    private static partial Regex NumberPattern();
}
