using System.Text;

namespace Antq.Admin.Features.Units;

/// <summary>
/// Reads a UTF-8 CSV import file (RFC 4180 quoting; comma or semicolon, whichever the header
/// line uses — Vietnamese Excel saves CSV with semicolons).
/// </summary>
public static class CsvUnitReader
{
    public static UnitImportTable Read(byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return UnitImportTable.Failed(1, "Tệp CSV phải được lưu với mã UTF-8 (trong Excel: \"CSV UTF-8\").");
        }
        text = text.TrimStart('\uFEFF');
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        return UnitImportTable.FromRecords(Records(text, delimiter));
    }

    /// <summary>Records with their 1-based number (a quoted field may span lines; the number counts records).</summary>
    private static IEnumerable<(int Row, IReadOnlyList<string> Cells)> Records(string text, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var row = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                cells.Add(cell.ToString());
                cell.Clear();
                yield return (row++, cells.ToArray());
                cells.Clear();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            yield return (row, cells.ToArray());
        }
    }
}
