using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Evaluation;

namespace Antq.Admin.Features.Demo;

/// <summary>
/// A demo dossier: which unit, which pack and pack test case, which state, who acted last, the year
/// (null: the current year; <see cref="DongNai.HistoryYear"/>: the three-level history), and for a submitted
/// dossier how many reviewers up its chain have endorsed it already.
/// </summary>
internal sealed record DemoCase(Func<DemoHierarchy, Unit> Unit, string PackId, string TestFile, string Status, string ActorEmail, int? Year = null, int Endorsed = 0);

/// <summary>
/// Dossiers in every state of the review procedure, routed by the packs' recognition rules over the
/// hierarchy of their year: this year's go from a commune straight to the province (no district), an
/// organisation's through its managing level; the 2024 ones climbed through the former districts.
/// Their data is a shipped pack's own test case moved to the dossier's year and their evaluation is the
/// engine's; they are stored and audited with the submissions feature's own helpers, as if made through its API.
/// </summary>
internal sealed class DemoSubmissions(AntqDbContext db, UnitDirectory directory, UnitPeriods periods, TimeProvider time)
{
    public const string CommunePack = "qd9745.xa";
    public const string OrganisationPack = "qd9745.co-quan-doanh-nghiep-giao-duc";
    public const string SafetyPack = "tt124.xa";
    public const string SchoolPack = "tt124.co-so-giao-duc";
    public const string AgencyPack = "tt124.co-quan-doanh-nghiep";

    private static Func<DemoHierarchy, Unit> At(string code) => h => h[code];

    /// <summary>The dossiers <see cref="AddAsync"/> stored, for the steps that follow them (the unit's meeting).</summary>
    public List<DemoDossier> Added { get; } = [];

    public static readonly DemoCase[] Cases =
    [
        // This year, communes: the province reviews and recognises.
        new(At(DongNai.TrangBom), CommunePack, "03-chua-nhap-gi.json", SubmissionStatus.Draft, DemoAccounts.TrangBom),
        new(At(DongNai.TamHiep), CommunePack, "01-tat-ca-dat.json", SubmissionStatus.Submitted, DemoAccounts.TamHiep),
        new(At(DongNai.TrangDai), CommunePack, "04-can-bo-sung.json", SubmissionStatus.Returned, DemoAccounts.Province),
        new(At(DongNai.LongBinh), CommunePack, "01-tat-ca-dat.json", SubmissionStatus.Approved, DemoAccounts.Province),
        new(At(DongNai.TamPhuoc), CommunePack, "01-tat-ca-dat.json", SubmissionStatus.Recognised, DemoAccounts.Province),
        new(At(DongNai.PhuocTan), CommunePack, "02-tat-ca-chua-dat.json", SubmissionStatus.NotRecognised, DemoAccounts.Province),
        new(At(DongNai.DongXoai), SafetyPack, "01-dat-tat-ca.json", SubmissionStatus.Submitted, DemoAccounts.DongXoai),
        // This year, organisations: by their managing level, or outside the province.
        new(At(DemoOrganisations.UpperSecondary(DongNai.TranBien)), SchoolPack, "01-dat-tat-ca.json", SubmissionStatus.Submitted, DemoAccounts.School),
        new(At(DemoOrganisations.LowerSecondary(DongNai.TranBien)), SchoolPack, "01-dat-tat-ca.json", SubmissionStatus.Recognised, DemoAccounts.TranBienCommittee),
        new(At(DemoOrganisations.Enterprise(DongNai.TranBien)), AgencyPack, "01-dat-tat-ca.json", SubmissionStatus.Approved, DemoAccounts.TranBienCommittee),
        new(At(DemoOrganisations.Enterprise(DongNai.TranBien)), OrganisationPack, "01-tat-ca-dat.json", SubmissionStatus.Submitted, DemoAccounts.Enterprise),
        // Endorsed by its phường, now waiting at the city: a step of a two-step chain.
        new(At(DemoOrganisations.SecondEnterprise(DongNai.TranBien)), OrganisationPack, "01-tat-ca-dat.json", SubmissionStatus.Submitted, DemoAccounts.TranBienCommittee, Endorsed: 1),
        new(At(DemoOrganisations.MinistryFollowed(DongNai.TranBien)), AgencyPack, "01-dat-tat-ca.json", SubmissionStatus.Recognised, DemoAccounts.Province),
        // 2024, three levels: recognised by the former districts (and the province above them), under the names of then.
        new(At(DongNai.TranBien), SafetyPack, "01-dat-tat-ca.json", SubmissionStatus.Recognised, DemoAccounts.Admin, DongNai.HistoryYear),
        new(At(DongNai.TrangBom), CommunePack, "01-tat-ca-dat.json", SubmissionStatus.Recognised, DemoAccounts.Admin, DongNai.HistoryYear),
        new(At(DemoOrganisations.Enterprise(DongNai.TrangBom)), OrganisationPack, "01-tat-ca-dat.json", SubmissionStatus.Recognised, DemoAccounts.Admin, DongNai.HistoryYear),
    ];

    /// <summary>Adds the cases whose pack is active (a server without shipped packs gets none); returns how many.</summary>
    public async Task<int> AddAsync(DemoHierarchy hierarchy, IReadOnlyDictionary<string, CompiledPack> packs, IReadOnlyDictionary<string, (AppUser User, string Role)> actors)
    {
        var now = time.GetUtcNow();
        var today = VietnamTime.DateOf(now);
        var added = 0;
        foreach (var (demoCase, index) in Cases.Select((c, i) => (c, i)))
        {
            if (!packs.TryGetValue(demoCase.PackId, out var pack)) continue;
            var test = pack.Tests.FirstOrDefault(t => t.File.EndsWith(demoCase.TestFile, StringComparison.Ordinal)) ?? (pack.Tests.Count > 0 ? pack.Tests[0] : null);
            if (test is null) continue;
            var year = demoCase.Year ?? today.Year;
            var data = DemoPackData.ForYear(test.Data, test.Year, year);
            var unit = demoCase.Unit(hierarchy);
            var result = pack.Evaluate(await InfoAsync(unit, year), year, data);
            var chain = await directory.ReviewChainAsync(unit, pack.Manifest, year);
            var status = demoCase.Status;
            var created = demoCase.Year is int past ? new DateTimeOffset(past, 9, 1, 2, 0, 0, TimeSpan.Zero).AddDays(index) : now.AddDays(-30 + index);
            var decided = status == SubmissionStatus.Recognised;
            var record = new SubmissionRecord
            {
                Id = Guid.CreateVersion7(created),
                UnitId = unit.Id,
                PackId = pack.Manifest.Id,
                Year = year,
                PackVersion = pack.Manifest.Version,
                Status = status,
                // Submitted: the next reviewer up the chain acts; approved: the recognising level decides.
                PendingUnitId = status switch
                {
                    SubmissionStatus.Submitted => chain.ElementAtOrDefault(demoCase.Endorsed)?.Id,
                    SubmissionStatus.Approved => chain.LastOrDefault()?.Id,
                    _ => null,
                },
                DataJson = "",
                CreateHash = CanonicalJson.CreateHash(unit.Id, pack.Manifest.Id, year, data),
                EvaluationJson = "",
                EvaluatedPackHash = "",
                // A decision taken outside the province (the Minister) carries the Ministry's sign.
                DecisionNumber = decided ? $"{120 + index}/{(unit.ManagedAt == "ministry" ? "QĐ-BCA" : "QĐ-UBND")}" : null,
                DecisionDate = decided ? Earlier(new DateOnly(year, 11, 10), today) : null,
                CreatedAt = created,
                UpdatedAt = demoCase.Year is null ? now : created.AddDays(70),
                SubmittedAt = status == SubmissionStatus.Draft ? null : created.AddDays(7),
            };
            SubmissionEvaluator.Store(record, pack, data, result);
            db.Submissions.Add(record);
            var (user, role) = actors[demoCase.ActorEmail];
            var actor = new Account(user.Id, user.DisplayName, role, hierarchy.ById(user.UnitId));
            var (action, from, details) = demoCase.Endorsed > 0 ? (SubmissionAudit.Endorsed, SubmissionStatus.Submitted, null) : Transition(record, result);
            db.AuditEntries.Add(SubmissionAudit.Entry(actor, record, action, from, details, record.UpdatedAt));
            Added.Add(new DemoDossier(record, unit, pack));
            added++;
        }
        await db.SaveChangesAsync();
        return added;
    }

    private readonly Dictionary<int, UnitHierarchy> byYear = [];

    /// <summary>The unit as the engine sees it in the dossier's year: that year's name, kind and parent (Phường Trung Dũng under Thành phố Biên Hòa in 2024).</summary>
    public async Task<UnitInfo> InfoAsync(Unit unit, int year)
    {
        if (!byYear.TryGetValue(year, out var hierarchy)) byYear[year] = hierarchy = await periods.ForYearAsync(year);
        var self = hierarchy.Find(unit.Id) ?? UnitAsOf.Of(unit);
        var parent = self.ParentId is int parentId ? hierarchy.Find(parentId)?.Name : null;
        return new UnitInfo(self.KindId, self.Code, self.Name, self.LevelId, parent ?? "");
    }

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The audit action that led to the status, with the details the submissions feature records for it.</summary>
    private static (string Action, string? From, object? Details) Transition(SubmissionRecord record, EvaluationResult result) => record.Status switch
    {
        SubmissionStatus.Draft => (SubmissionAudit.Created, null, null),
        SubmissionStatus.Submitted => (SubmissionAudit.Submitted, SubmissionStatus.Draft, null),
        SubmissionStatus.Approved => (SubmissionAudit.Endorsed, SubmissionStatus.Submitted, null),
        SubmissionStatus.Returned => (SubmissionAudit.Returned, SubmissionStatus.Submitted, new
        {
            reason = "Đề nghị bổ sung thông tin và minh chứng cho các tiêu chí chưa đánh giá được.",
            criteria = result.Criteria.Where(c => c.Status == CriterionStatus.NotEvaluable).Take(2)
                .ToDictionary(c => c.Id, c => $"Bổ sung số liệu và minh chứng cho tiêu chí «{c.Title}»."),
        }),
        SubmissionStatus.Recognised => (SubmissionAudit.Recognised, SubmissionStatus.Approved,
            new { decisionNumber = record.DecisionNumber, decisionDate = record.DecisionDate }),
        SubmissionStatus.NotRecognised => (SubmissionAudit.Rejected, SubmissionStatus.Approved,
            new { reason = "Chưa đạt các tiêu chí của phong trào; đề nghị tiếp tục xây dựng trong năm sau." }),
        _ => (SubmissionAudit.Saved, null, null),
    };
}
