using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Antq.Admin.Tests.Units;

/// <summary>
/// Builds a small .xlsx as Excel writes one: names in the shared-string table, numbers as numeric
/// cells, empty cells left out (so cells are placed by their reference).
/// </summary>
public static class XlsxBuilder
{
    public static byte[] Build(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var text = rows[r][c];
                    if (text.Length == 0) continue;
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    if (long.TryParse(text, out _))
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(text) });
                    else
                    {
                        shared.SharedStringTable.Append(new SharedStringItem(new Text(text)));
                        var index = shared.SharedStringTable.ChildElements.Count - 1;
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString()) });
                    }
                }
                data.Append(row);
            }
            worksheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Đơn vị" }));
        }
        return stream.ToArray();
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A minimal .xlsx from raw part texts (crafted files: any sheet XML, any shared strings).</summary>
    public static byte[] Raw(string sheetXml, string? sharedStringsXml = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Add("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Đơn vị" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/>""" +
                (sharedStringsXml is null ? "" : $"""<Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""") + "</Relationships>");
            Add("xl/worksheets/sheet1.xml", sheetXml);
            if (sharedStringsXml is not null) Add("xl/sharedStrings.xml", sharedStringsXml);
        }
        return stream.ToArray();
    }

    /// <summary>A worksheet part around the given <c>&lt;row&gt;</c> elements.</summary>
    public static string Sheet(string rows, string prolog = """<?xml version="1.0" encoding="UTF-8"?>""") =>
        $"""{prolog}<worksheet xmlns="{Main}"><sheetData>{rows}</sheetData></worksheet>""";

    /// <summary>A shared-string part with the given items.</summary>
    public static string SharedStrings(IEnumerable<string> items) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">{string.Concat(items.Select(i => $"<si><t>{i}</t></si>"))}</sst>""";
}
