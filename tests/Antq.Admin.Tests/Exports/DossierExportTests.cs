using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Antq.FormEngine.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Antq.Admin.Tests.Exports;

/// <summary>The dossier export: scope, the list's filters, union columns across pack versions, typed cells, CSV with BOM.</summary>
public sealed class DossierExportTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const int Year = 2031;

    [Fact]
    public async Task Xlsx_ScopeFiltersUnionColumnsAndTypedCells()
    {
        var world = await factory.WorldAsync();
        // A1 on the active version; A2 on an older version that lacks TC02 and has TC99; B1 in the other district.
        await StoreAsync(world.CommuneA1, Samples.ValidCommune, null);
        await StoreAsync(world.CommuneA2, Samples.ValidCommune, "0.9.0");
        await StoreAsync(world.CommuneB1, Samples.ValidCommune, null);
        await StoreAsync(world.CommuneA1, Samples.ValidCommune, null, year: Year + 1); // filtered out by year

        var reviewer = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var response = await reviewer.GetAsync($"/api/exports/dossiers?packId={Samples.CommunePack}&year={Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var rows = new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: "Hồ sơ").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal([world.CommuneA2.Name, world.CommuneA1.Name], rows.Select(r => (string)r["Tên đơn vị"]!).OrderBy(n => n == world.CommuneA1.Name));
        Assert.DoesNotContain(rows, r => (string?)r["Tên đơn vị"] == world.CommuneB1.Name);

        var headers = rows[0].Keys.ToList();
        var tc02 = headers.Single(h => h.StartsWith("TC02 – ", StringComparison.Ordinal) && !h.EndsWith("Điểm", StringComparison.Ordinal));
        var tc99 = headers.Single(h => h.StartsWith("TC99 – ", StringComparison.Ordinal) && !h.EndsWith("Điểm", StringComparison.Ordinal));
        var a1 = rows.Single(r => (string?)r["Tên đơn vị"] == world.CommuneA1.Name);
        var a2 = rows.Single(r => (string?)r["Tên đơn vị"] == world.CommuneA2.Name);
        Assert.Equal("Đạt", a1[tc02]);
        Assert.Null(a1[tc99]);            // the active version has no TC99: empty, not shifted
        Assert.Null(a2[tc02]);            // the old version has no TC02
        Assert.Equal("Chưa đạt", a2[tc99]);
        Assert.Equal("0.9.0", a2["Phiên bản"]);
        // Typed cells: numbers are numbers, dates are dates.
        Assert.Equal((double)Year, a1["Năm"]);
        Assert.IsType<double>(a1["Tổng điểm"]);
        Assert.IsType<DateTime>(a1["Ngày lập"]);
        Assert.Equal(world.DistrictA.Name, a1["Đơn vị cấp trên"]);

        // Explanations: one row per dossier, one column per criterion (the same union); field values: one column per field.
        var explanations = new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: "Giải thích").Cast<IDictionary<string, object?>>().ToList();
        var tc99Text = explanations[0].Keys.Single(h => h.StartsWith("TC99 – ", StringComparison.Ordinal));
        Assert.Equal("Không có số liệu đạt.", explanations.Single(e => (string?)e["Tên đơn vị"] == world.CommuneA2.Name)[tc99Text]);
        Assert.Null(explanations.Single(e => (string?)e["Tên đơn vị"] == world.CommuneA1.Name)[tc99Text]);
        Assert.False(string.IsNullOrEmpty(explanations.Single(e => (string?)e["Tên đơn vị"] == world.CommuneA1.Name)[tc02] as string));
        var fields = new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: "Dữ liệu biểu mẫu").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, fields.Count);
        Assert.Contains(fields[0].Values, v => v is double);
        Assert.Contains(fields[0].Keys, k => k.Contains(" › dòng 1 › ", StringComparison.Ordinal));

        // Frozen header row, filters on, dates in dd/MM/yyyy.
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        Assert.Contains("ySplit=\"1\"", sheet);
        Assert.Contains("autoFilter", sheet);
        var styles = new StreamReader(zip.GetEntry("xl/styles.xml")!.Open()).ReadToEnd();
        Assert.Contains("dd/MM/yyyy", styles);
    }

    [Fact]
    public async Task Csv_HasBom_AndTheSameScope()
    {
        var world = await factory.WorldAsync();
        await StoreAsync(world.CommuneB1, Samples.ValidCommune, null, year: 2040);
        await StoreAsync(world.CommuneA1, Samples.ValidCommune, null, year: 2040);

        var reviewer = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var response = await reviewer.GetAsync("/api/exports/dossiers?format=csv&year=2040");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Mã đơn vị,Tên đơn vị,", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains(world.CommuneB1.Name, lines[1]);
        Assert.DoesNotContain(world.CommuneA1.Name, text);

        // The list's filter checks: an unknown status or format is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync("/api/exports/dossiers?status=xyz")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync("/api/exports/dossiers?format=pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/exports/dossiers")).StatusCode);
    }

    [Fact]
    public async Task ExportedIds_AreTheListsIds_ForTheSameFilter()
    {
        var world = await factory.WorldAsync();
        await StoreAsync(world.CommuneA1, Samples.ValidCommune, null, year: 2045);
        await StoreAsync(world.CommuneA2, Samples.FailingCommune, null, year: 2045, status: SubmissionStatus.Submitted);
        var reviewer = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        const string filter = "year=2045&status=submitted";
        var listed = (await (await reviewer.GetAsync($"/api/submissions?{filter}")).ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().Select(s => s.GetProperty("unit").GetProperty("name").GetString()).ToList();
        var bytes = await (await reviewer.GetAsync($"/api/exports/dossiers?{filter}")).Content.ReadAsByteArrayAsync();
        var exported = new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: "Hồ sơ").Cast<IDictionary<string, object?>>()
            .Select(r => r["Tên đơn vị"] as string).ToList();
        Assert.Equal(listed, exported);
        Assert.Equal([world.CommuneA2.Name], exported);
    }

    /// <summary>Stores a tt124.xa dossier evaluated by the active version; with <paramref name="version"/>, pinned to that (pretend) version
    /// whose criteria lack TC02 and add TC99.</summary>
    private Task StoreAsync(Unit unit, JsonElement data, string? version, int year = Year, string status = SubmissionStatus.Draft) =>
        factory.WithServicesAsync(async services =>
        {
            var pack = (await services.GetRequiredService<PackCatalog>().GetActiveAsync(Samples.CommunePack))!;
            var result = pack.Evaluate(new UnitInfo(unit.KindId, unit.Code, unit.Name, unit.LevelId), year, data);
            if (version is not null)
            {
                var extra = new CriterionResult("TC99", "Tiêu chí chỉ có ở phiên bản cũ", null, CriterionStatus.NotMet, 0, 5, "Không có số liệu đạt.", []);
                result = result with { Pack = new PackRef(Samples.CommunePack, version), Criteria = [.. result.Criteria.Where(c => c.Id != "TC02"), extra] };
            }
            var now = DateTimeOffset.UtcNow;
            var db = services.GetRequiredService<AntqDbContext>();
            db.Submissions.Add(new SubmissionRecord
            {
                Id = Guid.NewGuid(), UnitId = unit.Id, PackId = Samples.CommunePack, Year = year, PackVersion = version ?? pack.Manifest.Version,
                Status = status, PendingUnitId = status == SubmissionStatus.Submitted ? unit.ParentId : null,
                DataJson = data.GetRawText(), CreateHash = new string('0', 64), EvaluationJson = StoredEvaluation.Write(result),
                EvaluatedPackHash = pack.ContentHash, OutcomeId = result.Outcome?.Id, Valid = result.Valid, CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        });
}
