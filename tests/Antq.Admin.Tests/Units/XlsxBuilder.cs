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
}
