using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Units;
using Antq.FormEngine.Evaluation;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// What heads a dossier document, from the units' data for the dossier's year: the unit's name, kind and
/// parent as they were then (a dossier of 2024 keeps "Phường Trung Dũng" after the merger), the issuing
/// committee and its governing authority, and the place name (địa danh) of the date line. Where a period
/// has no names, <see cref="DocumentKinds.IssuingBody"/> derives them from the unit's name as before.
/// </summary>
public sealed class DocumentHeads(UnitPeriods periods)
{
    private readonly Dictionary<int, UnitHierarchy> years = [];

    private async Task<UnitHierarchy> YearAsync(int year, CancellationToken ct)
    {
        if (!years.TryGetValue(year, out var hierarchy)) years[year] = hierarchy = await periods.ForYearAsync(year, ct);
        return hierarchy;
    }

    private static UnitAsOf AsOf(UnitHierarchy hierarchy, Unit unit) => hierarchy.Find(unit.Id) ?? UnitAsOf.Of(unit);

    /// <summary>The unit as the dossier's documents name it.</summary>
    public async Task<UnitInfo> UnitInfoAsync(Unit unit, int year, CancellationToken ct)
    {
        var hierarchy = await YearAsync(year, ct);
        var self = AsOf(hierarchy, unit);
        var parent = self.ParentId is int p ? hierarchy.Find(p) : null;
        return new UnitInfo(self.KindId, self.Code, self.Name, self.LevelId, parent?.Name ?? "");
    }

    /// <summary>The header of a document a reviewing level issues (its minutes): the committee's name and its authority.</summary>
    public async Task<(string Issuer, string Parent)> ReviewingHeadAsync(Unit issuer, int year, CancellationToken ct)
    {
        var hierarchy = await YearAsync(year, ct);
        var self = AsOf(hierarchy, issuer);
        var parent = self.ParentId is int p ? hierarchy.Find(p) : null;
        var derived = DocumentKinds.IssuingBody(Transient(self), parent?.Name);
        return (self.CommitteeName ?? derived.Issuer, self.AuthorityName ?? derived.Parent);
    }

    /// <summary>The header of the unit's own letter when its period names its authority (e.g. "Ủy ban nhân dân phường Trấn Biên"); null: the template derives it.</summary>
    public async Task<(string Issuer, string Parent)?> OwnHeadAsync(Unit unit, int year, CancellationToken ct)
    {
        var hierarchy = await YearAsync(year, ct);
        var self = AsOf(hierarchy, unit);
        if (self.AuthorityName is null) return null;
        var parent = self.ParentId is int p ? hierarchy.Find(p) : null;
        return (self.AuthorityName, parent?.AuthorityName ?? parent?.Name ?? "");
    }

    /// <summary>The place name of the date line: the nearest of the unit and its ancestors (that year) that has one; null when none does.</summary>
    public async Task<string?> PlaceAsync(Unit unit, int year, CancellationToken ct)
    {
        var hierarchy = await YearAsync(year, ct);
        var self = AsOf(hierarchy, unit);
        return new[] { self }.Concat(hierarchy.Ancestors(unit.Id)).Select(u => u.PlaceName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
    }

    private static Unit Transient(UnitAsOf unit) =>
        new() { Id = unit.Id, Code = unit.Code, Name = unit.Name, KindId = unit.KindId, LevelId = unit.LevelId, ParentId = unit.ParentId };
}
