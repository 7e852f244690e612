namespace Antq.Admin.Data.Entities;

/// <summary>A kind of unit (xa, phuong, co-quan…) that packs name in their unitKinds.</summary>
public sealed class UnitKind
{
    public required string Id { get; set; }
    public required string Name { get; set; }
}
