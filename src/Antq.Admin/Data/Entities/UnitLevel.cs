namespace Antq.Admin.Data.Entities;

/// <summary>A level of the administrative hierarchy (province, district, commune…): data, not code.</summary>
public sealed class UnitLevel
{
    public required string Id { get; set; }
    public required string Name { get; set; }

    /// <summary>0 for the root level; deeper levels have larger ranks.</summary>
    public int Rank { get; set; }
}
