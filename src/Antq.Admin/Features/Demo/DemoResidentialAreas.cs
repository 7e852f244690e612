using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Demo;

/// <summary>
/// Khu dân cư of one demo ward with their TT124 dossiers (pack tt124.khu-dan-cu): nine khu phố, seven
/// recognised, one waiting at the ward, one without a dossier. The ward's own TT124 dossier (tt124.xa,
/// a draft) is evaluated with the facts computed from them, so Điều 5 k4 shows "7/9 khu dân cư đã
/// được công nhận" from the system's records rather than typed counts.
/// </summary>
internal sealed class DemoResidentialAreas(AntqDbContext db, TimeProvider time)
{
    public const string AreaPack = "tt124.khu-dan-cu";
    public const string CommunePack = "tt124.xa";
    public const string Ward = "Phường Tân Biên";

    public async Task<int> AddAsync(DemoHierarchy hierarchy, IReadOnlyDictionary<string, CompiledPack> packs, IReadOnlyDictionary<string, (AppUser User, string Role)> actors)
    {
        if (!packs.TryGetValue(AreaPack, out var areaPack) || !packs.TryGetValue(CommunePack, out var communePack)) return 0;
        var ward = hierarchy.In(DemoAccounts.BienHoa, Ward);
        var areas = Enumerable.Range(1, 9).Select(i => new Unit
        {
            Code = $"{ward.Code}-KP{i:00}", Name = $"Khu phố {i}", KindId = "khu-dan-cu", LevelId = "unit", ParentId = ward.Id, Depth = ward.Depth + 1,
        }).ToList();
        db.Units.AddRange(areas);
        await db.SaveChangesAsync();
        foreach (var area in areas) area.Path = $"{ward.Path}{area.Id}/";

        var (user, role) = actors["tanbien@dongnai.demo"];
        var actor = new Account(user.Id, user.DisplayName, role, ward);
        var now = time.GetUtcNow();
        var passing = areaPack.Tests.First(t => t.File.EndsWith("01-dat-tat-ca.json", StringComparison.Ordinal));
        var added = 0;
        for (var i = 0; i < 8; i++)
        {
            var status = i < 7 ? SubmissionStatus.Recognised : SubmissionStatus.Submitted;
            var info = new UnitInfo(areas[i].KindId, areas[i].Code, areas[i].Name, areas[i].LevelId, ward.Name);
            var record = Record(areas[i], areaPack, passing.Year, passing.Data, status, now.AddDays(-20 + i));
            record.PendingUnitId = status == SubmissionStatus.Submitted ? ward.Id : null;
            record.DecisionNumber = status == SubmissionStatus.Recognised ? $"{40 + i}/QĐ-UBND" : null;
            record.DecisionDate = status == SubmissionStatus.Recognised ? new DateOnly(passing.Year, 11, 10) : null;
            SubmissionEvaluator.Store(record, areaPack, passing.Data, areaPack.Evaluate(info, passing.Year, passing.Data));
            db.Submissions.Add(record);
            var action = status == SubmissionStatus.Recognised ? SubmissionAudit.Recognised : SubmissionAudit.Submitted;
            db.AuditEntries.Add(SubmissionAudit.Entry(actor, record, action, status == SubmissionStatus.Recognised ? SubmissionStatus.Approved : SubmissionStatus.Draft,
                status == SubmissionStatus.Recognised ? new { decisionNumber = record.DecisionNumber, decisionDate = record.DecisionDate } : null, now));
            added++;
        }
        await db.SaveChangesAsync();

        // The ward's TT124 draft: its khu dân cư counts come from the records just written.
        var communeCase = communePack.Tests.First(t => t.File.EndsWith("01-dat-tat-ca.json", StringComparison.Ordinal));
        var facts = await HierarchyFacts.ForAsync(db, communePack, ward, communeCase.Year, CancellationToken.None);
        var wardInfo = new UnitInfo(ward.KindId, ward.Code, ward.Name, ward.LevelId, hierarchy.ParentOf(ward).Name);
        var draft = Record(ward, communePack, communeCase.Year, communeCase.Data, SubmissionStatus.Draft, now.AddDays(-5));
        SubmissionEvaluator.Store(draft, communePack, communeCase.Data, communePack.Evaluate(wardInfo, communeCase.Year, communeCase.Data, facts));
        db.Submissions.Add(draft);
        db.AuditEntries.Add(SubmissionAudit.Entry(actor, draft, SubmissionAudit.Created, null, null, now));
        await db.SaveChangesAsync();
        return added + 1;
    }

    private static SubmissionRecord Record(Unit unit, CompiledPack pack, int year, System.Text.Json.JsonElement data, string status, DateTimeOffset created) => new()
    {
        Id = Guid.CreateVersion7(created),
        UnitId = unit.Id,
        PackId = pack.Manifest.Id,
        Year = year,
        PackVersion = pack.Manifest.Version,
        Status = status,
        DataJson = "",
        CreateHash = CanonicalJson.CreateHash(unit.Id, pack.Manifest.Id, year, data),
        EvaluationJson = "",
        EvaluatedPackHash = "",
        CreatedAt = created,
        UpdatedAt = created,
        SubmittedAt = status == SubmissionStatus.Draft ? null : created.AddDays(3),
    };
}
