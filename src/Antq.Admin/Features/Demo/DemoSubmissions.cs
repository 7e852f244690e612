using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;

namespace Antq.Admin.Features.Demo;

/// <summary>A demo submission: which unit, which pack and pack test case, which state, and who acted last.</summary>
internal sealed record DemoCase(Func<DemoHierarchy, Unit> Unit, string PackId, string TestFile, string Status, string ActorEmail);

/// <summary>
/// Submissions in every state of the review procedure, so the dashboards have something to show.
/// Their data is a shipped pack's own test case and their evaluation is the engine's; they are
/// stored and audited with the submissions feature's own helpers, as if made through its API.
/// </summary>
internal sealed class DemoSubmissions(AntqDbContext db, UnitDirectory directory, TimeProvider time)
{
    public const string CommunePack = "qd9745.xa";
    public const string AgencyPack = "qd9745.co-quan-doanh-nghiep-giao-duc";

    public static readonly DemoCase[] Cases =
    [
        new(h => h.In(DemoAccounts.BienHoa, "Phường Tân Phong"), CommunePack, "01-tat-ca-dat.json", SubmissionStatus.Submitted, "tanphong@dongnai.demo"),
        new(h => h.In(DemoAccounts.BienHoa, "Phường Trảng Dài"), CommunePack, "04-can-bo-sung.json", SubmissionStatus.Returned, "bienhoa@dongnai.demo"),
        new(h => h.In(DemoAccounts.BienHoa, "Phường Tân Biên"), CommunePack, "01-tat-ca-dat.json", SubmissionStatus.Recognised, "bienhoa@dongnai.demo"),
        new(h => h.In(DemoAccounts.TrangBom, "Xã Hố Nai 3"), CommunePack, "03-chua-nhap-gi.json", SubmissionStatus.Draft, "honai3@dongnai.demo"),
        new(h => h.In(DemoAccounts.TrangBom, "Xã Bắc Sơn"), CommunePack, "01-tat-ca-dat.json", SubmissionStatus.Approved, "trangbom@dongnai.demo"),
        new(h => h.First(DemoAccounts.BienHoa, "co-so-giao-duc"), AgencyPack, "01-tat-ca-dat.json", SubmissionStatus.Submitted, "truonghoc@dongnai.demo"),
    ];

    /// <summary>Adds the cases whose pack is active (a server without shipped packs gets none); returns how many.</summary>
    public async Task<int> AddAsync(DemoHierarchy hierarchy, IReadOnlyDictionary<string, CompiledPack> packs, IReadOnlyDictionary<string, (AppUser User, string Role)> actors)
    {
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var (demoCase, index) in Cases.Select((c, i) => (c, i)))
        {
            if (!packs.TryGetValue(demoCase.PackId, out var pack)) continue;
            var test = pack.Tests.FirstOrDefault(t => t.File.EndsWith(demoCase.TestFile, StringComparison.Ordinal)) ?? (pack.Tests.Count > 0 ? pack.Tests[0] : null);
            if (test is null) continue;
            var unit = demoCase.Unit(hierarchy);
            var result = pack.Evaluate(new UnitInfo(unit.KindId, unit.Code, unit.Name, unit.LevelId, hierarchy.ParentOf(unit).Name), test.Year, test.Data);
            var chain = await directory.ReviewChainAsync(unit, pack.Manifest, test.Year);
            var status = demoCase.Status;
            var created = now.AddDays(-30 + index);
            var record = new SubmissionRecord
            {
                Id = Guid.CreateVersion7(created),
                UnitId = unit.Id,
                PackId = pack.Manifest.Id,
                Year = test.Year,
                PackVersion = pack.Manifest.Version,
                Status = status,
                // Submitted: the first reviewer up the chain acts; approved: the recognising level decides.
                PendingUnitId = status switch
                {
                    SubmissionStatus.Submitted => chain.FirstOrDefault()?.Id,
                    SubmissionStatus.Approved => chain.LastOrDefault()?.Id,
                    _ => null,
                },
                DataJson = "",
                CreateHash = CanonicalJson.CreateHash(unit.Id, pack.Manifest.Id, test.Year, test.Data),
                EvaluationJson = "",
                EvaluatedPackHash = "",
                DecisionNumber = status == SubmissionStatus.Recognised ? $"{120 + index}/QĐ-BCĐ" : null,
                DecisionDate = status == SubmissionStatus.Recognised ? new DateOnly(test.Year, 10, 10) : null,
                CreatedAt = created,
                UpdatedAt = now,
                SubmittedAt = status == SubmissionStatus.Draft ? null : created.AddDays(7),
            };
            SubmissionEvaluator.Store(record, pack, test.Data, result);
            db.Submissions.Add(record);
            var (user, role) = actors[demoCase.ActorEmail];
            var actor = new Account(user.Id, user.DisplayName, role, hierarchy.ById(user.UnitId));
            var (action, from, details) = Transition(record, result);
            db.AuditEntries.Add(SubmissionAudit.Entry(actor, record, action, from, details, now));
            added++;
        }
        await db.SaveChangesAsync();
        return added;
    }

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
        _ => (SubmissionAudit.Saved, null, null),
    };
}
