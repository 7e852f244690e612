namespace Antq.Admin.Features.Units;

/// <summary>
/// One data row of an import file; <see cref="Row"/> counts the header as row 1, as a spreadsheet does. With
/// <see cref="ValidFrom"/> the row is a period of the unit (a change from that date, kept in its history);
/// <see cref="ManagingCode"/> names the unit that manages it when that is not its parent.
/// </summary>
public sealed record UnitImportRow(int Row, string Code, string Name, string Kind, string Level, string ParentCode,
    DateOnly? ValidFrom = null, DateOnly? ValidTo = null, string ManagingCode = "");

/// <summary>A problem with one cell or row of an import file. <see cref="Column"/> is a header name, or null for the whole row.</summary>
public sealed record UnitImportError(int Row, string? Column, string Message);

/// <summary>The rows of an import file (CSV or XLSX), or what made them unreadable.</summary>
public sealed record UnitImportTable(IReadOnlyList<UnitImportRow> Rows, IReadOnlyList<UnitImportError> Errors)
{
    public static readonly string[] Columns = ["code", "name", "kind", "level", "parentCode"];

    /// <summary>Columns a file may add: the period the row is valid for (dd/MM/yyyy) and the managing unit's code.</summary>
    public static readonly string[] OptionalColumns = ["validFrom", "validTo", "managingCode"];

    /// <summary>Data rows an import may have: reading stops (and the file is refused) at the next one.</summary>
    public const int MaxRows = 20_000;

    /// <summary>Characters a cell may have (codes and names are short; this bounds what a crafted file can make us hold).</summary>
    public const int MaxCellCharacters = 1_000;

    public static UnitImportTable Failed(int row, string message) => new([], [new UnitImportError(row, null, message)]);

    /// <summary>Maps raw records (header first, each with its row number) to rows by header name, in any column order.</summary>
    public static UnitImportTable FromRecords(IEnumerable<(int Row, IReadOnlyList<string> Cells)> records)
    {
        using var e = records.GetEnumerator();
        if (!e.MoveNext()) return Failed(1, "Tệp trống: cần dòng tiêu đề " + string.Join(",", Columns) + ".");
        var (headerRow, header) = e.Current;
        var errors = new List<UnitImportError>();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (name.Length == 0) continue;
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase) && !OptionalColumns.Contains(name, StringComparer.OrdinalIgnoreCase))
                errors.Add(new(headerRow, name, $"Cột \"{name}\" không thuộc mẫu tệp ({string.Join(",", Columns.Concat(OptionalColumns))})."));
            else if (!index.TryAdd(name, i)) errors.Add(new(headerRow, name, $"Cột \"{name}\" xuất hiện hai lần."));
        }
        foreach (var column in Columns)
            if (!index.ContainsKey(column)) errors.Add(new(headerRow, column, $"Thiếu cột \"{column}\" trong dòng tiêu đề."));
        if (errors.Count > 0) return new([], errors);

        var rows = new List<UnitImportRow>();
        while (e.MoveNext())
        {
            var (row, cells) = e.Current;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (rows.Count == MaxRows) return Failed(row, $"Tệp có hơn {MaxRows} dòng dữ liệu; hãy chia thành nhiều tệp.");
            if (cells.Any(c => c.Length > MaxCellCharacters))
            {
                errors.Add(new(row, null, $"Dòng có ô dài hơn {MaxCellCharacters} ký tự."));
                continue;
            }
            string Cell(string column) => index.TryGetValue(column, out var at) && at < cells.Count ? cells[at].Trim() : "";
            DateOnly? Date(string column)
            {
                var text = Cell(column);
                if (text.Length == 0) return null;
                if (Antq.Admin.Components.Display.ParseDate(text) is { } date) return date;
                errors.Add(new(row, column, $"Ngày \"{text}\" phải là ngày có thật viết theo dạng ngày/tháng/năm (từ năm 1900), ví dụ 01/07/2025."));
                return null;
            }
            if (cells.Skip(header.Count).Any(c => !string.IsNullOrWhiteSpace(c)))
                errors.Add(new(row, null, "Dòng có nhiều cột hơn dòng tiêu đề."));
            var (from, to) = (Date("validFrom"), Date("validTo"));
            if (to is not null && from is null) errors.Add(new(row, "validFrom", "Có ngày hết hiệu lực thì cần ngày bắt đầu hiệu lực (validFrom)."));
            else if (to < from) errors.Add(new(row, "validTo", "Ngày hết hiệu lực phải sau ngày bắt đầu."));
            rows.Add(new UnitImportRow(row, Cell("code"), Cell("name"), Cell("kind"), Cell("level"), Cell("parentCode"), from, to, Cell("managingCode")));
        }
        return new(rows, errors);
    }
}
