using Antq.Admin.Components;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Plans;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;
using Scriban.Runtime;

namespace Antq.Admin.Features.Exports;

/// <summary>What the reporting officer adds: the year, the level (a unit in scope; default the caller's) and the free text.</summary>
public sealed record YearlyReportRequest(int? Year, int? UnitId, string? Assessment, string? Proposals);

/// <summary>
/// The yearly result report of a level (and, for the province, its summary): from the same submissions as the dashboard,
/// for the level's subtree and year: units by kind and status, those recognised (with decisions), those refused or not
/// finished, the criteria most often not met, the check of the year plan's quotas (<see cref="PlanQuotas"/>), and the officer's text. Rendered with
/// <c>templates/bao-cao-tong-hop-nam.scriban</c> (Decree 30 layout) to HTML, DOCX or PDF. A draft: the registry number
/// and verification code are left blank until reports can be issued (needs IssuedDocument without a submission).
/// </summary>
public sealed class YearlyReport(AntqDbContext db, CurrentAccount current, UnitDirectory units, AntqOptions options, TimeProvider time,
    DeadlineBoard board, YearPlans plans, PlanQuotas quotas)
{
    public const string TemplateFile = "bao-cao-tong-hop-nam.scriban";

    public async Task<PrintableDossier.Printed> RenderAsync(YearlyReportRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var level = request.UnitId is int id ? await units.GetVisibleAsync(account, id, ct) : account.ScopeUnit;
        var now = time.GetUtcNow();
        var year = request.Year ?? VietnamTime.YearOf(now);
        var model = await ModelAsync(level, year, ct);
        model["assessment"] = Paragraphs(request.Assessment);
        model["proposals"] = Paragraphs(request.Proposals);
        model["date_long"] = $"ngày {VietnamTime.DateOf(now).Day:00} tháng {VietnamTime.DateOf(now).Month:00} năm {VietnamTime.DateOf(now).Year}";
        var root = await db.Units.AsNoTracking().OrderBy(u => u.Depth).ThenBy(u => u.Id).Select(u => u.Name).FirstAsync(ct);
        model["place"] = root.StartsWith("Tỉnh ", StringComparison.Ordinal) ? root[5..] : root;

        var path = Path.Combine(options.TemplatesDirectory ?? "templates", TemplateFile);
        var parsed = TemplateSandbox.Parse(await File.ReadAllTextAsync(path, ct), TemplateFile);
        if (!parsed.Ok) throw new ExportRefusedException("Mẫu báo cáo có lỗi: " + string.Join(" ", parsed.Errors.Select(e => e.Message)));
        var rendered = TemplateSandbox.Render(parsed.Template, model);
        if (!rendered.Ok) throw new ExportRefusedException("Không lập được báo cáo: " + string.Join(" ", rendered.Errors.Select(e => e.Message)));
        return new PrintableDossier.Printed(rendered.Output, $"bao-cao-ket-qua-{year}-{ExportTable.Ascii(level.Name)}",
            $"Báo cáo kết quả năm {year} - {level.Name}", "bao-cao-tong-hop-nam", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<ScriptObject> ModelAsync(Unit level, int year, CancellationToken ct)
    {
        var path = level.Path;
        var all = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(path) && u.Id != level.Id && u.Active).ToListAsync(ct);
        var kinds = await db.UnitKinds.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Name, ct);
        var submissions = await db.Submissions.AsNoTracking().Where(s => s.Unit!.Path.StartsWith(path) && s.Year == year)
            .Select(s => new { s.UnitId, s.Status, s.DecisionNumber, s.DecisionDate, s.EvaluationJson, s.UpdatedAt }).ToListAsync(ct);
        var latest = submissions.GroupBy(s => s.UnitId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.UpdatedAt)!);
        // Units concerned: those of a kind an active pack is for, or with a submission (leaves of the reporting tree).
        var packKinds = (await board.ActivePacksAsync(ct)).SelectMany(p => p.Manifest.UnitKinds).ToHashSet(StringComparer.Ordinal);
        var concerned = all.Where(u => latest.ContainsKey(u.Id) || packKinds.Contains(u.KindId))
            .OrderBy(u => u.Name, VietnameseText.Order).ToList();

        string Bucket(Unit u) => latest.TryGetValue(u.Id, out var s) ? s.Status switch
        {
            SubmissionStatus.Recognised => "recognised",
            SubmissionStatus.NotRecognised => "refused",
            SubmissionStatus.Submitted or SubmissionStatus.Approved => "reviewing",
            _ => "preparing",
        } : "none";

        var byKind = new ScriptArray();
        foreach (var group in concerned.GroupBy(u => u.KindId).OrderBy(g => kinds.GetValueOrDefault(g.Key, g.Key), VietnameseText.Order))
            byKind.Add(Counts(kinds.GetValueOrDefault(group.Key, group.Key), group.Select(Bucket).ToList()));
        var total = Counts("Cộng", concerned.Select(Bucket).ToList());

        var recognised = new ScriptArray(concerned.Where(u => Bucket(u) == "recognised").Select(u => new ScriptObject
        {
            ["name"] = u.Name, ["decision"] = latest[u.Id].DecisionNumber ?? "",
            ["decision_date"] = latest[u.Id].DecisionDate is { } d ? Display.Date(d) : "",
        }));
        var refused = new ScriptArray(concerned.Where(u => Bucket(u) == "refused").Select(u => new ScriptObject { ["name"] = u.Name }));
        var late = new ScriptArray(concerned.Where(u => Bucket(u) is "none" or "preparing" or "reviewing").Select(u => new ScriptObject
        {
            ["name"] = u.Name,
            ["status"] = latest.TryGetValue(u.Id, out var s) ? SubmissionStates.Label(s.Status) : "Chưa lập hồ sơ",
        }));

        // Criteria most often not met: leaf criteria of the submitted (non-draft) dossiers.
        var evaluated = 0;
        var unmet = new Dictionary<string, (string Title, int Count)>(StringComparer.Ordinal);
        foreach (var s in latest.Values.Where(s => s.Status != SubmissionStatus.Draft))
        {
            if (StoredEvaluation.Read(s.EvaluationJson) is not { } evaluation) continue;
            evaluated++;
            foreach (var c in DossierExportBuilder.Flatten(evaluation.Criteria).Where(c => c.Children.Count == 0 && c.Status == CriterionStatus.NotMet))
                unmet[c.Id] = (c.Title, unmet.GetValueOrDefault(c.Id).Count + 1);
        }
        var topUnmet = new ScriptArray(unmet.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(5)
            .Select(p => new ScriptObject { ["id"] = p.Key, ["title"] = p.Value.Title, ["count"] = p.Value.Count, ["evaluated"] = evaluated }));

        // Quotas of the year's plan, for the units of their level in the report's subtree (the level itself included):
        // one row per such unit, one cell per quota ("registered/required", or "–" where the quota is for another level).
        var plan = await plans.GetAsync(year, ct);
        var quotaList = await quotas.ForYearAsync(year, level.Id, ct);
        var quotaRows = new ScriptArray();
        foreach (var carrier in quotaList.SelectMany(q => q.Counts).DistinctBy(c => c.UnitId).OrderBy(c => c.UnitName, VietnameseText.Order))
        {
            var cells = quotaList.Select(q => q.Counts.FirstOrDefault(c => c.UnitId == carrier.UnitId) is { } count ? $"{count.Registered}/{q.Minimum}" : "–").ToList();
            var met = quotaList.All(q => q.Counts.FirstOrDefault(c => c.UnitId == carrier.UnitId) is not { } count || count.Registered >= q.Minimum);
            quotaRows.Add(new ScriptObject { ["name"] = carrier.UnitName, ["cells"] = new ScriptArray(cells), ["met"] = met });
        }
        var quotaTexts = new ScriptArray(quotaList.Select((q, i) => new ScriptObject { ["number"] = i + 1, ["text"] = q.Text, ["minimum"] = q.Minimum }));

        var parentName = level.ParentId is { } parentId ? await db.Units.AsNoTracking().Where(u => u.Id == parentId).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        return new ScriptObject
        {
            ["year"] = year,
            ["level"] = new ScriptObject { ["name"] = level.Name, ["parent_name"] = parentName ?? "", ["is_province"] = level.ParentId is null },
            ["by_kind"] = byKind, ["total"] = total, ["recognised"] = recognised, ["refused"] = refused, ["late"] = late,
            ["unmet"] = topUnmet, ["quota"] = quotaRows, ["quotas"] = quotaTexts, ["plan_citation"] = plan?.Citation() ?? "",
        };
    }

    private static ScriptObject Counts(string label, List<string> buckets) => new()
    {
        ["label"] = label, ["total"] = buckets.Count, ["none"] = buckets.Count(b => b == "none"), ["preparing"] = buckets.Count(b => b == "preparing"),
        ["reviewing"] = buckets.Count(b => b == "reviewing"), ["recognised"] = buckets.Count(b => b == "recognised"), ["refused"] = buckets.Count(b => b == "refused"),
    };

    private static ScriptArray Paragraphs(string? text) =>
        new((text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
