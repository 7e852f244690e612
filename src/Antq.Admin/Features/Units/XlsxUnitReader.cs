using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Antq.Admin.Features.Units;

/// <summary>
/// Reads the first worksheet of an XLSX import file forward-only (the Open XML SDK's SAX-style
/// <see cref="OpenXmlReader"/>): no part is loaded as a DOM, so a small upload that expands to a
/// huge sheet costs what the caps allow and no more. Caps: characters per part, shared strings
/// (count and total characters), characters per cell, columns, rows (<see cref="UnitImportTable.MaxRows"/>).
/// A DOCTYPE (entities, external references) anywhere is refused — XML readers here prohibit DTDs.
/// </summary>
public static class XlsxUnitReader
{
    /// <summary>An .xlsx is a zip: a small upload can expand to a huge part, so each part read is capped.</summary>
    public const long MaxCharactersInPart = 10_000_000;

    public const int MaxSharedStrings = 100_000;
    public const int MaxSharedStringCharacters = 2_000_000;

    /// <summary>Columns read per row; the import's five live in the first few. Cells further right must be empty.</summary>
    public const int MaxColumns = 64;

    /// <summary>Row and cell elements read, blank ones included (bounds the work a sheet of empty elements causes).</summary>
    public const int MaxRowElements = 100_000;
    public const int MaxCellElements = 200_000;

    /// <summary>Zip entries: a workbook has a handful; thousands mean a crafted archive.</summary>
    public const int MaxEntries = 1_000;

    private const string Unreadable = "Không đọc được tệp XLSX (tệp hỏng, có mật khẩu hoặc không phải định dạng .xlsx).";
    private const string DoctypeRefused = "Tệp XLSX chứa khai báo DOCTYPE hoặc thực thể XML; tệp do Excel lưu không có những khai báo này, nên tệp không được chấp nhận.";

    public static UnitImportTable Read(byte[] bytes)
    {
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read))
                if (zip.Entries.Count > MaxEntries) return UnitImportTable.Failed(1, $"Tệp XLSX có quá nhiều phần (hơn {MaxEntries}); không phải tệp Excel thông thường.");
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false,
                new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbook = document.WorkbookPart;
            if (workbook is null || FirstSheetId(workbook) is not { } sheetId || workbook.GetPartById(sheetId) is not WorksheetPart worksheet)
                return UnitImportTable.Failed(1, "Tệp XLSX không có trang tính nào.");
            var shared = workbook.SharedStringTablePart is { } sharedPart ? SharedStrings(sharedPart) : [];
            return UnitImportTable.FromRecords(Records(worksheet, shared));
        }
        catch (XlsxLimitException limit)
        {
            return UnitImportTable.Failed(limit.Row, limit.Message);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("DOCTYPE", StringComparison.OrdinalIgnoreCase))
        {
            return UnitImportTable.Failed(1, DoctypeRefused);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or InvalidOperationException
                                       or ArgumentException or XmlException or FormatException or OverflowException)
        {
            return UnitImportTable.Failed(1, Unreadable);
        }
    }

    private static string? FirstSheetId(WorkbookPart workbook)
    {
        using var reader = OpenXmlReader.Create(workbook);
        while (reader.Read())
            if (reader.IsStartElement && reader.ElementType == typeof(Sheet))
                return Attribute(reader, "id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return null;
    }

    private static List<string> SharedStrings(SharedStringTablePart part)
    {
        var strings = new List<string>();
        long total = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (!reader.IsStartElement || reader.ElementType != typeof(SharedStringItem)) continue;
            if (strings.Count >= MaxSharedStrings)
                throw new XlsxLimitException(1, $"Tệp XLSX có hơn {MaxSharedStrings} chuỗi dùng chung; hãy chia thành nhiều tệp.");
            var text = ItemText(reader, typeof(SharedStringItem));
            total += text.Length;
            if (total > MaxSharedStringCharacters)
                throw new XlsxLimitException(1, $"Tệp XLSX có hơn {MaxSharedStringCharacters} ký tự trong các chuỗi dùng chung; hãy chia thành nhiều tệp.");
            strings.Add(text);
        }
        return strings;
    }

    private static IEnumerable<(int Row, IReadOnlyList<string> Cells)> Records(WorksheetPart worksheet, List<string> shared)
    {
        using var reader = OpenXmlReader.Create(worksheet);
        var next = 1;
        var (rowElements, cellElements) = (0, 0);
        while (reader.Read())
        {
            if (!reader.IsStartElement || reader.ElementType != typeof(Row)) continue;
            if (++rowElements > MaxRowElements)
                throw new XlsxLimitException(next, $"Trang tính có hơn {MaxRowElements} dòng (kể cả dòng trống); hãy chia thành nhiều tệp.");
            var number = int.TryParse(Attribute(reader, "r"), out var index) && index > 0 ? index : next;
            next = number + 1;
            var cells = new List<string>();
            var position = 0;
            // Inside the row: each cell until the row's end element.
            while (reader.Read() && !(reader.IsEndElement && reader.ElementType == typeof(Row)))
            {
                if (!reader.IsStartElement || reader.ElementType != typeof(Cell)) continue;
                if (++cellElements > MaxCellElements)
                    throw new XlsxLimitException(number, $"Trang tính có hơn {MaxCellElements} ô (kể cả ô trống); hãy chia thành nhiều tệp.");
                // Empty cells are usually left out of the XML, so place each by its reference (B2 → column 1).
                var column = ColumnIndex(Attribute(reader, "r")) ?? position;
                var text = CellText(reader, Attribute(reader, "t"), shared, number);
                position = column + 1;
                if (column >= MaxColumns)
                {
                    if (!string.IsNullOrWhiteSpace(text))
                        throw new XlsxLimitException(number, $"Dòng {number} có dữ liệu ở cột thứ {column + 1}; tệp nhập chỉ dùng {MaxColumns} cột đầu.");
                    continue;
                }
                while (cells.Count < column) cells.Add("");
                cells.Add(text);
            }
            yield return (number, cells);
        }
    }

    /// <summary>The text of the cell the reader is on (a start element), leaving the reader on its end.</summary>
    private static string CellText(OpenXmlReader reader, string? type, List<string> shared, int row)
    {
        string? value = null;
        string? inline = null;
        // The reader reports an empty element (<c/>) as a start and an end.
        while (reader.Read() && !(reader.IsEndElement && reader.ElementType == typeof(Cell)))
        {
            if (!reader.IsStartElement) continue;
            if (reader.ElementType == typeof(CellValue)) value = Capped(reader.GetText(), row);
            else if (reader.ElementType == typeof(InlineString)) inline = ItemText(reader, typeof(InlineString));
        }
        return type switch
        {
            "s" => int.TryParse(value, out var i) && i >= 0 && i < shared.Count ? Capped(shared[i], row) : "",
            "inlineStr" => Capped(inline ?? "", row),
            _ => value ?? "",
        };
    }

    /// <summary>The visible text of a rich or plain string item (phonetic hints left out); leaves the reader on its end.</summary>
    private static string ItemText(OpenXmlReader reader, Type item)
    {
        string? plain = null;
        System.Text.StringBuilder? runs = null;
        var inPhonetic = 0;
        while (reader.Read() && !(reader.IsEndElement && reader.ElementType == item))
        {
            if (reader.ElementType == typeof(PhoneticRun))
            {
                if (reader.IsStartElement) inPhonetic++;
                else if (reader.IsEndElement) inPhonetic--;
                continue;
            }
            if (inPhonetic > 0 || !reader.IsStartElement || reader.ElementType != typeof(Text)) continue;
            var text = reader.GetText();
            if (plain is null && runs is null) plain = text;
            else (runs ??= new System.Text.StringBuilder(plain)).Append(text);
        }
        return runs?.ToString() ?? plain ?? "";
    }

    private static string Capped(string text, int row) =>
        text.Length <= UnitImportTable.MaxCellCharacters
            ? text
            : throw new XlsxLimitException(row, $"Dòng {row} có ô dài hơn {UnitImportTable.MaxCellCharacters} ký tự.");

    private static string? Attribute(OpenXmlReader reader, string localName, string namespaceUri = "")
    {
        foreach (var attribute in reader.Attributes)
            if (attribute.LocalName == localName && (attribute.NamespaceUri ?? "") == namespaceUri) return attribute.Value;
        return null;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z' || column > 16_384) break;
            column = column * 26 + (c - 'A' + 1);
        }
        // Beyond XFD (16,384 columns) the reference is not Excel's.
        return column is 0 or > 16_384 ? null : column - 1;
    }

    private sealed class XlsxLimitException(int row, string message) : Exception(message)
    {
        public int Row { get; } = row;
    }
}
