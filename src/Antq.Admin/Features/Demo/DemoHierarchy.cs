using Antq.Admin.Data.Entities;

namespace Antq.Admin.Features.Demo;

/// <summary>The demo units just written, by code, for the accounts and dossiers that point at them.</summary>
internal sealed class DemoHierarchy(Unit root, Dictionary<string, Unit> byCode)
{
    public Unit Root { get; } = root;

    /// <summary>A demo unit by its code (a commune's QĐ 19/2025 code, a former district's code, or a generated organisation's).</summary>
    public Unit this[string code] => byCode[code];

    /// <summary>A demo unit by id (the root for anything else, e.g. an account that existed before the demo).</summary>
    public Unit ById(int id) => byCode.Values.FirstOrDefault(u => u.Id == id) ?? Root;
}
