using Antq.Admin.Components;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Documents;
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
/// finished, the criteria most often not met, the check of the year plan's quotas (<see cref="PlanQuotas"/>), and the officer's text.
/// Rendered with the current version of the shared template <c>bao-cao-tong-hop-nam</c> (Decree 30 layout, editable in the
/// template editor): here as a draft without number; issued as an official document by <see cref="Reports.YearlyReportDocuments"/>.
/// </summary>
public sealed class YearlyReport(AntqDbContext db, CurrentAccount current, UnitDirectory units, TimeProvider time,
    DeadlineBoard board, YearPlans plans, PlanQuotas quotas, TemplateStore templates, DocumentHeads heads, DocumentIssuer issuer)
{
    public const string TemplateId = "bao-cao-tong-hop-nam";

    /// <summary>The level a request reports on (a unit in the caller's scope; default the caller's own) and its year.</summary>
    public async Task<(Account Account, Unit Level, int Year)> LevelAsync(YearlyReportRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var level = request.UnitId is int id ? await units.GetVisibleAsync(account, id, ct) : account.ScopeUnit;
        var year = request.Year ?? VietnamTime.YearOf(time.GetUtcNow());
        if (year is < 2000 or > 2100) throw new ExportRefusedException($"Năm {year} không hợp lệ (từ 2000 đến 2100).");
        return (account, level, year);
    }

    /// <summary>The draft (no number, no verification code) of the report the request describes.</summary>
    public async Task<PrintableDossier.Printed> RenderAsync(YearlyReportRequest request, CancellationToken ct)
    {
        var (_, level, year) = await LevelAsync(request, ct);
        var template = await TemplateAsync(ct);
        var today = VietnamTime.DateOf(time.GetUtcNow());
        var info = new DocumentInfo(DocumentId(level, year), Title(level, year), "", today, await PlaceAsync(level, year, ct), "");
        var rendered = TemplateSandbox.Render(template.Parsed, await DocumentModelAsync(info, level, year, request, ct));
        if (!rendered.Ok) throw new ExportRefusedException("Không lập được báo cáo: " + string.Join(" ", rendered.Errors.Select(e => e.Message)));
        return new PrintableDossier.Printed(rendered.Output, $"bao-cao-ket-qua-{year}-{ExportTable.Ascii(level.Name)}",
            Title(level, year), TemplateId, year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The current template version, or why the report cannot be made.</summary>
    public async Task<CurrentTemplate> TemplateAsync(CancellationToken ct)
    {
        var (template, error) = await templates.CurrentSharedAsync(TemplateId, ct);
        return template ?? throw new ExportRefusedException("Mẫu báo cáo có lỗi: " + error);
    }

    /// <summary>One document per level and year (its versions are its re-issues): <c>bao-cao-ket-qua-2025-12</c>.</summary>
    public static string DocumentId(Unit level, int year) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bao-cao-ket-qua-{year}-{level.Id}");

    /// <summary>The report's summary (trích yếu), which is also its registry title.</summary>
    public static string Title(Unit level, int year) =>
        $"Báo cáo {(level.ParentId is null ? "tổng hợp kết quả" : "kết quả")} thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc, xây dựng điển hình năm {year}";

    /// <summary>Where the report goes (nơi nhận): a level reports to the province (through its police), the province to the Ministry.</summary>
    public static string Recipient(Unit level) => level.ParentId is null ? "Bộ Công an" : "Ủy ban nhân dân tỉnh (qua Công an tỉnh)";

    public async Task<string> PlaceAsync(Unit level, int year, CancellationToken ct) => await heads.PlaceAsync(level, year, ct) ?? await issuer.PlaceAsync(ct);

    /// <summary>The full template model: the figures, the officer's text and the document's head (number, date, code, issuing body).</summary>
    public async Task<ScriptObject> DocumentModelAsync(DocumentInfo info, Unit level, int year, YearlyReportRequest request, CancellationToken ct)
    {
        var model = await ModelAsync(level, year, ct);
        var (issuingBody, issuingParent) = await heads.ReviewingHeadAsync(level, year, ct);
        model["assessment"] = Paragraphs(request.Assessment);
        model["proposals"] = Paragraphs(request.Proposals);
        model["recipient"] = Recipient(level);
        model["document"] = new ScriptObject
        {
            ["id"] = info.Id, ["title"] = info.Title, ["number"] = info.Number, ["date"] = VietnameseDates.Short(info.Date),
            ["date_long"] = VietnameseDates.Long(info.Date), ["place"] = info.Place, ["verification_code"] = info.VerificationCode,
            ["verify_url"] = info.VerifyUrl, ["issuer"] = issuingBody, ["issuer_parent"] = issuingParent,
        };
        model["signer"] = new ScriptObject { ["title"] = DocumentKinds.SignerTitle(level) };
        return model;
    }

    /// <summary>A model of invented figures, for checking an edited template in the template editor (draft or issued).</summary>
    public static ScriptObject Sample(bool draft)
    {
        Counts Row(string label) => new(label, 3, 1, 0, 0, 1, 1);
        var model = new ScriptObject
        {
            ["year"] = 2025,
            ["level"] = new ScriptObject { ["name"] = "Phường Trấn Biên", ["parent_name"] = "Thành phố Đồng Nai", ["is_province"] = false },
            ["by_kind"] = new ScriptArray { Row("Khu dân cư").ToScript() }, ["total"] = Row("Cộng").ToScript(),
            ["recognised"] = new ScriptArray { new ScriptObject { ["name"] = "Khu phố 1", ["decision"] = "12/QĐ-UBND", ["decision_date"] = "10/10/2025" } },
            ["refused"] = new ScriptArray { new ScriptObject { ["name"] = "Khu phố 2" } },
            ["late"] = new ScriptArray { new ScriptObject { ["name"] = "Khu phố 3", ["status"] = "Chưa lập hồ sơ" } },
            ["unmet"] = new ScriptArray { new ScriptObject { ["id"] = "tc3", ["title"] = "Tiêu chí 3", ["count"] = 1, ["evaluated"] = 2 } },
            ["quota"] = new ScriptArray { new ScriptObject { ["name"] = "Phường Trấn Biên", ["cells"] = new ScriptArray { "2/1" }, ["met"] = true } },
            ["quotas"] = new ScriptArray { new ScriptObject { ["number"] = 1, ["text"] = "mỗi xã, phường đăng ký ít nhất 01 khu dân cư", ["minimum"] = 1 } },
            ["plan_citation"] = "Kế hoạch số 01/KH-UBND ngày 10/01/2025 của Ủy ban nhân dân tỉnh",
            ["assessment"] = new ScriptArray { "Phong trào được triển khai đồng bộ." }, ["proposals"] = new ScriptArray(),
            ["recipient"] = "Ủy ban nhân dân tỉnh (qua Công an tỉnh)",
            ["signer"] = new ScriptObject { ["title"] = "Chủ tịch" },
        };
        model["document"] = new ScriptObject
        {
            ["id"] = "bao-cao-ket-qua-2025-1", ["title"] = "Báo cáo", ["number"] = draft ? "" : "15/BC-UBND", ["date"] = "20/11/2025",
            ["date_long"] = "ngày 20 tháng 11 năm 2025", ["place"] = "Đồng Nai", ["verification_code"] = draft ? "" : "ABCDEFGHIJKLMNOPQRSTUVWX",
            ["verify_url"] = draft ? "" : "https://antq.example/verify/ABCDEFGHIJKLMNOPQRSTUVWX",
            ["issuer"] = "Ủy ban nhân dân phường Trấn Biên", ["issuer_parent"] = "Thành phố Đồng Nai",
        };
        return model;
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
            byKind.Add(Counts.Of(kinds.GetValueOrDefault(group.Key, group.Key), group.Select(Bucket).ToList()).ToScript());
        var total = Counts.Of("Cộng", concerned.Select(Bucket).ToList()).ToScript();

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

    /// <summary>One row of the table of units by kind and status.</summary>
    private sealed record Counts(string Label, int Total, int None, int Preparing, int Reviewing, int Recognised, int Refused)
    {
        public static Counts Of(string label, List<string> buckets) => new(label, buckets.Count, buckets.Count(b => b == "none"),
            buckets.Count(b => b == "preparing"), buckets.Count(b => b == "reviewing"), buckets.Count(b => b == "recognised"), buckets.Count(b => b == "refused"));

        public ScriptObject ToScript() => new()
        {
            ["label"] = Label, ["total"] = Total, ["none"] = None, ["preparing"] = Preparing, ["reviewing"] = Reviewing, ["recognised"] = Recognised, ["refused"] = Refused,
        };
    }

    private static ScriptArray Paragraphs(string? text) =>
        new((text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
