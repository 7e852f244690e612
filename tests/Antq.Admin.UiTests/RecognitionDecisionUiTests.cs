using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.FormEngine.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// The province issues one recognition decision for two approved dossiers in the browser: select both, preview, issue;
/// each dossier then carries the decision and its own certificate. The two schools are created for this test through the
/// units API (so no other test or demo dossier is touched) and their dossiers stored approved, waiting at the province.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class RecognitionDecisionUiTests(UiServer server)
{
    private const string Pack = "qd9745.co-quan-doanh-nghiep-giao-duc";
    private const int Year = 2024;

    [Fact]
    public async Task Province_IssuesOneDecisionForTwoDossiers_WithACertificateEach()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var names = new[] { $"Trường THPT Quyết Định {suffix}", $"Trường THCS Công Nhận {suffix}" };
        var ids = new List<Guid>();
        foreach (var name in names) ids.Add(await ApprovedDossierAsync(await SchoolAsync(name, suffix + ids.Count)));

        var page = await server.NewPageAsync();
        await server.LoginAsync(page, "tinh@dongnai.demo", "/xet-duyet/quyet-dinh-cong-nhan");
        foreach (var name in names) await page.GetByLabel($"Chọn hồ sơ của {name}").CheckAsync();
        await page.Locator("[data-action=preview-decision]").ClickAsync();
        var preview = page.FrameLocator("[data-testid=decision-preview]");
        await Assertions.Expect(preview.Locator("body")).ToContainTextAsync("QUYẾT ĐỊNH");
        foreach (var name in names) await Assertions.Expect(preview.Locator("table.units")).ToContainTextAsync(name);
        await UiServer.ShotAsync(page, "40-ra-quyet-dinh-cong-nhan");

        await page.Locator("[data-action=issue-decision]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ban hành", Exact = true }).ClickAsync();
        var issued = page.Locator("[data-testid=decision-issued]");
        await Assertions.Expect(issued).ToContainTextAsync("Đã ban hành quyết định");
        await Assertions.Expect(issued.Locator("li")).ToHaveCountAsync(2);
        await UiServer.ShotAsync(page, "41-da-ban-hanh-quyet-dinh");

        // Both dossiers are recognised with the same decision, and each lists the decision and its own certificate.
        var api = await server.ApiClientAsync("tinh@dongnai.demo");
        string? number = null;
        foreach (var id in ids)
        {
            var view = await api.GetFromJsonAsync<JsonElement>($"/api/submissions/{id}");
            Assert.Equal("recognised", view.GetProperty("status").GetString());
            var decision = view.GetProperty("decision").GetProperty("number").GetString();
            Assert.Matches(@"/QĐ-UBND$", decision!);
            number ??= decision;
            Assert.Equal(number, decision);
            var documents = (await api.GetFromJsonAsync<JsonElement>($"/api/submissions/{id}/documents")).GetProperty("documents").EnumerateArray().ToList();
            Assert.Contains(documents, d => d.GetProperty("kind").GetString() == "QĐ");
            Assert.Single(documents, d => d.GetProperty("documentId").GetString() == "giay-cong-nhan");
        }
        await page.GotoAsync($"{server.BaseUrl}/xet-duyet/{ids[0]}");
        await Assertions.Expect(page.Locator("[data-testid=issued-documents]")).ToContainTextAsync("Giấy công nhận");
    }

    /// <summary>A school directly under the province, created through the units API by the province administrator.</summary>
    private async Task<int> SchoolAsync(string name, string code)
    {
        var admin = await server.ApiClientAsync("admin@dongnai.demo");
        int root;
        using (var scope = server.Services.CreateScope())
            root = scope.ServiceProvider.GetRequiredService<AntqDbContext>().Units.OrderBy(u => u.Depth).ThenBy(u => u.Id).First().Id;
        var created = await admin.PostAsJsonAsync("/api/units", new { code = "UI-QD-" + code, name, kind = "co-so-giao-duc", level = "unit", parentId = root });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>The school's dossier as the procedure leaves it once the province has approved it: waiting for the decision.</summary>
    private async Task<Guid> ApprovedDossierAsync(int unitId)
    {
        using var scope = server.Services.CreateScope();
        var services = scope.ServiceProvider;
        var pack = (await services.GetRequiredService<PackCatalog>().GetActiveAsync(Pack))!;
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "criteria-packs", Pack, "tests", "01-tat-ca-dat.json")));
        var data = sample.RootElement.GetProperty("data");
        var db = services.GetRequiredService<AntqDbContext>();
        var unit = await db.Units.FindAsync(unitId);
        var root = unit!.ParentId!.Value;
        var result = pack.Evaluate(new UnitInfo(unit.KindId, unit.Code, unit.Name, unit.LevelId), Year, data);
        var now = DateTimeOffset.UtcNow;
        var record = new SubmissionRecord
        {
            Id = Guid.NewGuid(), UnitId = unitId, PackId = Pack, Year = Year, PackVersion = pack.Manifest.Version, Status = SubmissionStatus.Approved,
            PendingUnitId = root, DataJson = data.GetRawText(), CreateHash = new string('0', 64), EvaluationJson = StoredEvaluation.Write(result),
            EvaluatedPackHash = pack.ContentHash, OutcomeId = result.Outcome?.Id, Valid = result.Valid, CreatedAt = now, UpdatedAt = now,
        };
        db.Submissions.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }
}
