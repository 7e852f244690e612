namespace Antq.Admin.Data.Entities;

/// <summary>
/// One validity period of a unit: its code, name, kind, level and parent from <see cref="ValidFrom"/>
/// to <see cref="ValidTo"/> (inclusive; open when null). A merger, split, rename or xã → phường change
/// closes the current period and opens a new one instead of rewriting the past. The committee,
/// authority and place names that head official documents are data of the period too.
/// A unit without periods is read from its <see cref="Unit"/> row as it is now.
/// </summary>
public sealed class UnitPeriod
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string KindId { get; set; }
    public required string LevelId { get; set; }
    public int? ParentId { get; set; }

    /// <summary>The name folded for search (no diacritics, lower case): "Phường Biên Hòa" → "phuong bien hoa".</summary>
    public string NameKey { get; set; } = "";

    /// <summary>The steering committee as it signs, e.g. "Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh Đồng Nai".</summary>
    public string? CommitteeName { get; set; }

    /// <summary>The People's Committee (or the agency's governing body) printed above the issuer, e.g. "Ủy ban nhân dân thành phố Đồng Nai".</summary>
    public string? AuthorityName { get; set; }

    /// <summary>The place name (địa danh) of the date line, e.g. "Đồng Nai", "Trấn Biên".</summary>
    public string? PlaceName { get; set; }

    /// <summary>The act behind the change, e.g. "NQ 1662/NQ-UBTVQH15".</summary>
    public string? Basis { get; set; }

    public Unit? Unit { get; set; }

    public bool Covers(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);
}
