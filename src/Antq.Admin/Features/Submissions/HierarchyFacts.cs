using System.Globalization;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// The hierarchy facts a pack declares (pack.json → facts, docs/packs.md "Facts"), computed from the
/// server's own records. Vocabulary: <c>children.&lt;unit-kind&gt;.total | registered | recognised</c> —
/// the active units of that kind below the evaluated unit; those with a submission for the year
/// (registered: any status, a draft counts, as "đăng ký" in TT124 Điều 9 k2 a is the first step);
/// those whose submission for the year is recognised. When the unit has no unit of that kind in
/// the system, nothing is supplied and the values the unit typed stand.
/// </summary>
public static class HierarchyFacts
{
    private const string Prefix = "children.";

    /// <summary>One unit behind a number: what the commune sees when it opens the list.</summary>
    public sealed record ChildUnit(int Id, string Code, string Name, string? Status, bool Registered, bool Recognised);

    /// <summary>The facts for <paramref name="unit"/> and <paramref name="year"/>, or null when the pack declares none that apply.</summary>
    public static async Task<PackFacts?> ForAsync(AntqDbContext db, CompiledPack pack, Unit unit, int year, CancellationToken ct)
    {
        var wanted = pack.Manifest.Facts.Select(f => (f.Id, Parsed: Parse(f.Id))).Where(x => x.Parsed is not null).ToList();
        if (wanted.Count == 0) return null;
        var values = new Dictionary<string, FactValue>(StringComparer.Ordinal);
        foreach (var kind in wanted.Select(w => w.Parsed!.Value.Kind).Distinct(StringComparer.Ordinal))
        {
            var children = await ChildrenAsync(db, unit, kind, year, ct);
            if (children.Count == 0) continue; // not managed in the system: the typed values stand
            var kindName = (await db.UnitKinds.AsNoTracking().Where(k => k.Id == kind).Select(k => k.Name).FirstOrDefaultAsync(ct) ?? kind)
                .ToLower(CultureInfo.GetCultureInfo("vi-VN"));
            int total = children.Count, registered = children.Count(c => c.Registered), recognised = children.Count(c => c.Recognised);
            foreach (var (id, parsed) in wanted.Where(w => w.Parsed!.Value.Kind == kind))
            {
                values[id] = parsed!.Value.Measure switch
                {
                    "total" => new FactValue(JsonSerializer.SerializeToElement(total), $"{total} {kindName} trên hệ thống"),
                    "registered" => new FactValue(JsonSerializer.SerializeToElement(registered), $"{registered}/{total} {kindName} đã đăng ký"),
                    _ => new FactValue(JsonSerializer.SerializeToElement(recognised), $"{recognised}/{total} {kindName} đã được công nhận"),
                };
            }
        }
        return values.Count == 0 ? null : new PackFacts(values);
    }

    /// <summary>The active units of <paramref name="kind"/> below <paramref name="unit"/>, with where their submission for the year stands.</summary>
    public static async Task<IReadOnlyList<ChildUnit>> ChildrenAsync(AntqDbContext db, Unit unit, string kind, int year, CancellationToken ct)
    {
        var prefix = unit.Path;
        var units = await db.Units.AsNoTracking()
            .Where(u => u.Active && u.KindId == kind && u.Id != unit.Id && u.Path.StartsWith(prefix))
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        if (units.Count == 0) return [];
        var ids = units.Select(u => u.Id).ToList();
        var statuses = await db.Submissions.AsNoTracking().Where(s => s.Year == year && ids.Contains(s.UnitId))
            .Select(s => new { s.UnitId, s.Status }).ToListAsync(ct);
        return units.Select(u =>
        {
            var mine = statuses.Where(s => s.UnitId == u.Id).Select(s => s.Status).ToList();
            var status = mine.Contains(SubmissionStatus.Recognised) ? SubmissionStatus.Recognised : mine.FirstOrDefault();
            return new ChildUnit(u.Id, u.Code, u.Name, status, mine.Count > 0, mine.Contains(SubmissionStatus.Recognised));
        }).ToList();
    }

    /// <summary><c>children.khu-dan-cu.recognised</c> → (khu-dan-cu, recognised); null for an id outside the vocabulary.</summary>
    public static (string Kind, string Measure)? Parse(string factId)
    {
        if (!factId.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = factId[Prefix.Length..];
        var dot = rest.LastIndexOf('.');
        if (dot <= 0) return null;
        var measure = rest[(dot + 1)..];
        return measure is "total" or "registered" or "recognised" ? (rest[..dot], measure) : null;
    }
}
