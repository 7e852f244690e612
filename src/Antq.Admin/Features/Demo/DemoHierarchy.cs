using Antq.Admin.Data.Entities;

namespace Antq.Admin.Features.Demo;

/// <summary>The demo units just written, for the accounts and submissions that point at them.</summary>
internal sealed class DemoHierarchy(Unit root, Dictionary<string, Unit> byCode)
{
    public Unit Root { get; } = root;

    public static int DistrictCount => DongNai.Districts.Length;

    public Unit District(string code) => byCode[code];

    /// <summary>A unit of a district by its exact name.</summary>
    public Unit In(string districtCode, string name)
    {
        var district = byCode[districtCode];
        return byCode.Values.First(u => u.ParentId == district.Id && u.Name == name);
    }

    /// <summary>The first generated unit of a kind in a district (its code ends in 01).</summary>
    public Unit First(string districtCode, string kind)
    {
        var district = byCode[districtCode];
        return byCode.Values.Where(u => u.ParentId == district.Id && u.KindId == kind).OrderBy(u => u.Code, StringComparer.Ordinal).First();
    }

    public Unit ParentOf(Unit unit) => unit.ParentId is int parentId ? ById(parentId) : Root;

    /// <summary>A demo unit by id (the root for anything else, e.g. an account that existed before the demo).</summary>
    public Unit ById(int id) => byCode.Values.FirstOrDefault(u => u.Id == id) ?? Root;
}
