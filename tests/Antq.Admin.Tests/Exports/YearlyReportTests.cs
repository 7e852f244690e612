using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Plans;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Antq.FormEngine.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Exports;

/// <summary>The yearly report of a level and the province summary, from a fixture with known counts (golden text).</summary>
public sealed partial class YearlyReportTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const int Year = 2037;

    [Fact]
    public async Task DistrictReport_And_ProvinceSummary_GoldenText()
    {
        var world = await factory.WorldAsync();
        // The quotas come from the year's plan (the report has no rule of its own).
        await factory.WithServicesAsync(services => services.GetRequiredService<YearPlans>().SaveAsync(new YearPlan
        {
            Year = Year, Number = "91/KH-UBND", IssuedOn = new DateOnly(Year, 4, 7), IssuedBy = "Ủy ban nhân dân tỉnh Đồng Nai", Title = "",
            Quotas =
            [
                new() { AppliesToLevel = "district", UnitKinds = "xa,phuong,thi-tran", Minimum = 1, Text = "mỗi huyện đăng ký ít nhất 01 xã, phường, thị trấn" },
                new() { AppliesToLevel = "district", UnitKinds = "co-quan,doanh-nghiep,co-so-giao-duc", Minimum = 1, Text = "mỗi huyện đăng ký ít nhất 01 cơ quan, doanh nghiệp hoặc cơ sở giáo dục" },
            ],
        }));
        await StoreAsync(world.CommuneA1, Samples.ValidCommune, SubmissionStatus.Recognised, "12/QĐ-UBND", new DateOnly(Year, 10, 10));
        await StoreAsync(world.CommuneA2, Samples.FailingCommune, SubmissionStatus.NotRecognised, null, null);

        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var response = await district.PostAsJsonAsync("/api/exports/reports/yearly?format=html",
            new { year = Year, assessment = "Phong trào được triển khai đồng bộ.", proposals = "Đề nghị tỉnh bổ sung kinh phí." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(
        [
            "I. KẾT QUẢ ĐĂNG KÝ, XÉT CÔNG NHẬN",
            "1. Số đơn vị theo loại và tình trạng hồ sơ:",
            "Loại đơn vị | Tổng số | Chưa lập hồ sơ | Đang hoàn thiện | Đang xét duyệt | Được công nhận | Không công nhận",
            "Cơ sở giáo dục | 1 | 1 | 0 | 0 | 0 | 0",
            "Phường | 2 | 0 | 0 | 0 | 1 | 1",
            "Cộng | 3 | 1 | 0 | 0 | 1 | 1",
            "2. Các đơn vị được công nhận (1):",
            "- Phường Tân Phong: Quyết định số 12/QĐ-UBND ngày 10/10/2037;",
            "3. Các đơn vị không được công nhận (1):",
            "- Phường Tân Biên;",
            "4. Các đơn vị chưa hoàn thành (1):",
            "- Trường THPT Ngô Quyền (chưa lập hồ sơ);",
            "II. CÁC TIÊU CHÍ CHƯA ĐẠT NHIỀU NHẤT",
        ], Section(text, "I. KẾT QUẢ", "II. CÁC TIÊU CHÍ"));
        var unmet = Section(text, "II. CÁC TIÊU CHÍ", "III. KIỂM TRA").Skip(1).SkipLast(1).ToList();
        Assert.InRange(unmet.Count, 1, 5);
        Assert.All(unmet, line => Assert.EndsWith(": 1/2 hồ sơ chưa đạt;", line));
        Assert.Equal(
        [
            "III. KIỂM TRA CHỈ TIÊU ĐĂNG KÝ THEO KẾ HOẠCH",
            "Chỉ tiêu theo Kế hoạch số 91/KH-UBND ngày 07/04/2037 của Ủy ban nhân dân tỉnh Đồng Nai:",
            "1. mỗi huyện đăng ký ít nhất 01 xã, phường, thị trấn;",
            "2. mỗi huyện đăng ký ít nhất 01 cơ quan, doanh nghiệp hoặc cơ sở giáo dục;",
            "Đơn vị | Chỉ tiêu 1: đã đăng ký/yêu cầu | Chỉ tiêu 2: đã đăng ký/yêu cầu | Kết quả",
            "Thành phố Biên Hòa | 2/1 | 0/1 | Chưa đạt",
            "IV. ĐÁNH GIÁ CHUNG",
            "Phong trào được triển khai đồng bộ.",
            "V. ĐỀ XUẤT, KIẾN NGHỊ",
            "Đề nghị tỉnh bổ sung kinh phí.",
        ], Section(text, "III. KIỂM TRA", "Nơi nhận"));
        Assert.Contains("Kính gửi: Ủy ban nhân dân tỉnh (qua Công an tỉnh).", text);

        // The province's summary: every district carries the quota; the other district has registered nothing.
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        var summary = Text(await (await province.PostAsJsonAsync("/api/exports/reports/yearly?format=html", new { year = Year })).Content.ReadAsStringAsync());
        Assert.Contains("Thành phố Biên Hòa | 2/1 | 0/1 | Chưa đạt", summary);
        Assert.Contains("Huyện Trảng Bom | 0/1 | 0/1 | Chưa đạt", summary);
        Assert.Contains("Kính gửi: Bộ Công an.", summary);
        Assert.Contains(summary, line => line.StartsWith("Tổng hợp kết quả", StringComparison.Ordinal));

        // A year without a plan has no quota to check, and says so.
        var noPlan = Text(await (await district.PostAsJsonAsync("/api/exports/reports/yearly?format=html", new { year = Year + 1 })).Content.ReadAsStringAsync());
        Assert.Contains($"Kế hoạch năm {Year + 1} chưa được nhập hoặc không đặt chỉ tiêu đăng ký.", noPlan);

        // DOCX of the same; another district's level is out of scope.
        Assert.Equal(HttpStatusCode.OK, (await district.PostAsJsonAsync("/api/exports/reports/yearly?format=docx", new { year = Year })).StatusCode);
        var outside = await district.PostAsJsonAsync("/api/exports/reports/yearly", new { year = Year, unitId = world.DistrictB.Id });
        Assert.True(outside.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"got {(int)outside.StatusCode}");
    }

    private static List<string> Text(string html) => HtmlLines.Of(html);

    private static List<string> Section(List<string> lines, string from, string to)
    {
        var start = lines.FindIndex(l => l.StartsWith(from, StringComparison.Ordinal));
        var end = lines.FindIndex(start + 1, l => l.StartsWith(to, StringComparison.Ordinal));
        Assert.True(start >= 0 && end > start, $"section {from}…{to} not found in:\n{string.Join("\n", lines)}");
        return lines[start..(to.StartsWith("II.", StringComparison.Ordinal) || to.StartsWith("III.", StringComparison.Ordinal) ? end + 1 : end)];
    }

    private Task StoreAsync(Unit unit, JsonElement data, string status, string? decision, DateOnly? decisionDate) =>
        StoreAsync(factory, unit, data, status, decision, decisionDate, Year);

    /// <summary>A stored dossier of the commune pack with its evaluation (the reports' fixtures).</summary>
    internal static Task StoreAsync(AntqApiFactory factory, Unit unit, JsonElement data, string status, string? decision, DateOnly? decisionDate, int year) =>
        factory.WithServicesAsync(async services =>
        {
            var pack = (await services.GetRequiredService<PackCatalog>().GetActiveAsync(Samples.CommunePack))!;
            var result = pack.Evaluate(new UnitInfo(unit.KindId, unit.Code, unit.Name, unit.LevelId), 2025, data); // the samples are 2025 forms
            var now = DateTimeOffset.UtcNow;
            var db = services.GetRequiredService<AntqDbContext>();
            db.Submissions.Add(new SubmissionRecord
            {
                Id = Guid.NewGuid(), UnitId = unit.Id, PackId = Samples.CommunePack, Year = year, PackVersion = pack.Manifest.Version, Status = status,
                DataJson = data.GetRawText(), CreateHash = new string('0', 64), EvaluationJson = StoredEvaluation.Write(result),
                EvaluatedPackHash = pack.ContentHash, OutcomeId = result.Outcome?.Id, Valid = result.Valid, CreatedAt = now, UpdatedAt = now,
                DecisionNumber = decision, DecisionDate = decisionDate,
            });
            await db.SaveChangesAsync();
        });
}
