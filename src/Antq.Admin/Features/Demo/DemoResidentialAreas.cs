using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Demo;

/// <summary>
/// Khu dân cư of Phường Trấn Biên with this year's TT124 dossiers (pack tt124.khu-dan-cu, recognised by
/// the phường): nine khu phố, seven recognised, one waiting at the phường, one without a dossier. Their
/// names say they are sample data. The phường's own TT124 dossier (tt124.xa, a draft) is evaluated with
/// the facts computed from them, so Điều 5 k4 shows "7/9 khu dân cư đã được công nhận" from the system's
/// records rather than typed counts.
/// </summary>
internal sealed class DemoResidentialAreas(AntqDbContext db, TimeProvider time)
{
    public const string AreaPack = "tt124.khu-dan-cu";
    public const string CommunePack = "tt124.xa";
    public const int Count = 9;
    public const int Recognised = 7;

    /// <summary>"Khu phố 3 (dữ liệu mẫu)": real khu phố names are not part of the public lists the demo uses.</summary>
    public static string Name(int number) => $"Khu phố {number} (dữ liệu mẫu)";

    /// <summary>The khu dân cư dossiers added (the ward's draft is not among them): their units hold their meetings next.</summary>
    public List<DemoDossier> Added { get; } = [];

    public async Task<int> AddAsync(DemoHierarchy hierarchy, IReadOnlyDictionary<string, CompiledPack> packs, IReadOnlyDictionary<string, (AppUser User, string Role)> actors)
    {
        if (!packs.TryGetValue(AreaPack, out var areaPack) || !packs.TryGetValue(CommunePack, out var communePack)) return 0;
        var ward = hierarchy[DongNai.TranBien];
        var areas = Enumerable.Range(1, Count).Select(i => new Unit
        {
            Code = $"{ward.Code}-KP{i:00}", Name = Name(i), KindId = "khu-dan-cu", LevelId = "unit", ParentId = ward.Id, Depth = ward.Depth + 1,
        }).ToList();
        db.Units.AddRange(areas);
        await db.SaveChangesAsync();
        foreach (var area in areas) area.Path = $"{ward.Path}{area.Id}/";

        var (user, role) = actors[DemoAccounts.TranBienCommittee];
        var actor = new Account(user.Id, user.DisplayName, role, ward);
        var now = time.GetUtcNow();
        var year = VietnamTime.YearOf(now);
        var passing = areaPack.Tests.First(t => t.File.EndsWith("01-dat-tat-ca.json", StringComparison.Ordinal));
        var areaData = DemoPackData.ForYear(passing.Data, passing.Year, year);
        var added = 0;
        for (var i = 0; i < Recognised + 1; i++)
        {
            var status = i < Recognised ? SubmissionStatus.Recognised : SubmissionStatus.Submitted;
            var info = new UnitInfo(areas[i].KindId, areas[i].Code, areas[i].Name, areas[i].LevelId, ward.Name);
            var record = Record(areas[i], areaPack, year, areaData, status, now.AddDays(-20 + i));
            record.PendingUnitId = status == SubmissionStatus.Submitted ? ward.Id : null;
            record.DecisionNumber = status == SubmissionStatus.Recognised ? $"{40 + i}/QĐ-UBND" : null;
            record.DecisionDate = status == SubmissionStatus.Recognised ? VietnamTime.DateOf(now).AddDays(-1) : null;
            SubmissionEvaluator.Store(record, areaPack, areaData, areaPack.Evaluate(info, year, areaData));
            db.Submissions.Add(record);
            var action = status == SubmissionStatus.Recognised ? SubmissionAudit.Recognised : SubmissionAudit.Submitted;
            db.AuditEntries.Add(SubmissionAudit.Entry(actor, record, action, status == SubmissionStatus.Recognised ? SubmissionStatus.Approved : SubmissionStatus.Draft,
                status == SubmissionStatus.Recognised ? new { decisionNumber = record.DecisionNumber, decisionDate = record.DecisionDate } : null, now));
            Added.Add(new DemoDossier(record, areas[i], areaPack));
            added++;
        }
        await db.SaveChangesAsync();

        // The ward's TT124 draft: its khu dân cư counts come from the records just written.
        var communeCase = communePack.Tests.First(t => t.File.EndsWith("01-dat-tat-ca.json", StringComparison.Ordinal));
        var communeData = DemoPackData.ForYear(communeCase.Data, communeCase.Year, year);
        var facts = await HierarchyFacts.ForAsync(db, communePack, ward, year, CancellationToken.None);
        var wardInfo = new UnitInfo(ward.KindId, ward.Code, ward.Name, ward.LevelId, hierarchy.Root.Name);
        var draft = Record(ward, communePack, year, communeData, SubmissionStatus.Draft, now.AddDays(-5));
        SubmissionEvaluator.Store(draft, communePack, communeData, communePack.Evaluate(wardInfo, year, communeData, facts));
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
