using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Antq.Admin.Features.Units;

/// <summary>Reads the first worksheet of an XLSX import file with the Open XML SDK.</summary>
public static class XlsxUnitReader
{
    /// <summary>An .xlsx is a zip: a small upload can expand to a huge part, so each part is capped.</summary>
    private const long MaxCharactersInPart = 20_000_000;

    public static UnitImportTable Read(byte[] bytes)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false,
                new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } sheetId || workbook.GetPartById(sheetId) is not WorksheetPart worksheet)
                return UnitImportTable.Failed(1, "Tệp XLSX không có trang tính nào.");
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(ItemText).ToList() ?? [];
            return UnitImportTable.FromRecords(Records(worksheet, shared).ToList());
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or InvalidOperationException or ArgumentException)
        {
            return UnitImportTable.Failed(1, "Không đọc được tệp XLSX (tệp hỏng, có mật khẩu hoặc không phải định dạng .xlsx).");
        }
    }

    private static IEnumerable<(int Row, IReadOnlyList<string> Cells)> Records(WorksheetPart worksheet, List<string> shared)
    {
        var next = 1;
        foreach (var row in worksheet.Worksheet.Descendants<Row>())
        {
            var number = row.RowIndex?.Value is uint index ? (int)index : next;
            next = number + 1;
            var cells = new List<string>();
            var position = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                // Empty cells are usually left out of the XML, so place each by its reference (B2 → column 1).
                var column = ColumnIndex(cell.CellReference?.Value) ?? position;
                while (cells.Count < column) cells.Add("");
                cells.Add(CellText(cell, shared));
                position = column + 1;
            }
            yield return (number, cells);
        }
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, out var i) && i >= 0 && i < shared.Count ? shared[i] : "";
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString is { } inline ? ItemText(inline) : "";
        return raw;
    }

    /// <summary>The visible text of a rich or plain string (phonetic hints left out).</summary>
    private static string ItemText(OpenXmlCompositeElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z' || column > 16_384) break;
            column = column * 26 + (c - 'A' + 1);
        }
        // Beyond XFD (16,384 columns) the reference is not Excel's; ignore it rather than pad a huge row.
        return column is 0 or > 16_384 ? null : column - 1;
    }
}
