using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// Issue 19 in the browser: the shared server evaluates at most 2 dossiers inline (ANTQ_IMPACT_INLINE_MAX in
/// <see cref="UiServer"/>), so the impact of a candidate over this test's three dossiers is computed in the background
/// (a Hangfire job on this server) while the panel shows its progress, then the same table as an inline preview.
/// A pack of its own (the commune pack under a test-only id) so no other test's dossiers or versions are involved.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class PackImpactUiTests(UiServer server)
{
    private const string PackId = "thu-nghiem.anh-huong";

    [Fact]
    public async Task CandidateOverMoreDossiersThanTheInlineLimit_PanelComputesInTheBackground_ThenShowsTheTable()
    {
        using var admin = await server.ApiClientAsync("admin@dongnai.demo");
        await CommunePackCopy.UploadAsync(admin, Revision("1.0.0", 70)); // the first version of a pack becomes active
        var stored = new List<Guid>();
        foreach (var recognised in new[] { 72, 80, 90 }) stored.Add(await SentDossierAsync(recognised, stored.Count));
        await CommunePackCopy.UploadAsync(admin, Revision("1.1.0", 75));

        var page = await server.NewPageAsync();
        await server.LoginAsync(page, "admin@dongnai.demo", $"/goi-tieu-chi/{PackId}?phien-ban=1.1.0");
        var panel = page.Locator("[data-testid=impact-panel]");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        // The progress ("Đang tính ảnh hưởng… n/3 hồ sơ") may be over before it is seen; the finished table is what must come.
        await Assertions.Expect(panel.Locator("[data-testid=impact-summary]")).ToContainTextAsync("Phiên bản 1.1.0", new() { Timeout = 60_000 });
        await Assertions.Expect(panel.Locator("[data-testid=impact-progress]")).ToHaveCountAsync(0);
        var pinned = panel.Locator("[data-testid=impact-pinned] tbody tr");
        await Assertions.Expect(pinned).ToHaveCountAsync(1);
        await Assertions.Expect(pinned).ToHaveAttributeAsync("data-submission", stored[0].ToString());
        await Assertions.Expect(pinned.Locator("li[data-criterion='TC04.b']")).ToContainTextAsync("Đạt → Chưa đạt");
        await Assertions.Expect(panel.Locator("[data-action=activate-candidate]")).ToBeVisibleAsync();
        await UiServer.ShotAsync(page, "32-goi-tieu-chi-tac-dong-chay-nen");

        // It was a background run, finished and kept: the API answers with it rather than evaluating again.
        var again = await admin.GetAsync($"/api/packs/{PackId}/versions/1.1.0/impact");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var run = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("done", run.GetProperty("status").GetString());
        Assert.Equal(3, run.GetProperty("done").GetInt32());
        await page.Context.CloseAsync();
    }

    private static byte[] Revision(string version, int threshold) => CommunePackCopy.Zip(PackId, "Bộ tiêu chí thử nghiệm tác động", version, threshold);

    /// <summary>A sent dossier of a commune of its own, <paramref name="recognised"/> of 100 residential areas recognised, evaluated under the active version.</summary>
    private async Task<Guid> SentDossierAsync(int recognised, int index)
    {
        using var scope = server.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AntqDbContext>();
        var sibling = await db.Units.AsNoTracking().Where(u => u.Active && u.KindId == "xa" && u.ParentId != null).OrderBy(u => u.Id).FirstAsync();
        var parent = await db.Units.AsNoTracking().SingleAsync(u => u.Id == sibling.ParentId);
        var unit = new Unit { Code = $"UI-AH-{index + 1}", Name = $"Xã Thử Tác Động {index + 1}", KindId = sibling.KindId, LevelId = sibling.LevelId, ParentId = parent.Id, Depth = parent.Depth + 1 };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = $"{parent.Path}{unit.Id}/";
        await db.SaveChangesAsync();

        var pack = (await services.GetRequiredService<PackCatalog>().GetActiveAsync(PackId))!;
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Pack("tt124.xa"), "tests", "01-dat-tat-ca.json")))!["data"]!.AsObject();
        var tc04 = sample["tc04"]!.AsObject();
        tc04["khu_dan_cu"] = new JsonObject { ["tong_so"] = 100, ["so_dang_ky"] = 100, ["so_duoc_cong_nhan"] = recognised };
        foreach (var other in new[] { "co_quan", "doanh_nghiep", "co_so_giao_duc" })
            tc04[other] = new JsonObject { ["tong_so"] = 0, ["so_dang_ky"] = 0, ["so_duoc_cong_nhan"] = 0 };
        var dataJson = sample.ToJsonString();
        using var data = JsonDocument.Parse(dataJson);
        var result = pack.Evaluate(new UnitInfo(unit.KindId, unit.Code, unit.Name, unit.LevelId), 2025, data.RootElement);
        var now = DateTimeOffset.UtcNow;
        var record = new SubmissionRecord
        {
            Id = Guid.NewGuid(), UnitId = unit.Id, PackId = PackId, Year = 2025, PackVersion = pack.Manifest.Version, Status = SubmissionStatus.Submitted,
            DataJson = dataJson, CreateHash = new string('0', 64), EvaluationJson = StoredEvaluation.Write(result),
            EvaluatedPackHash = pack.ContentHash, OutcomeId = result.Outcome?.Id, Valid = result.Valid, CreatedAt = now, UpdatedAt = now,
        };
        db.Submissions.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }
}
