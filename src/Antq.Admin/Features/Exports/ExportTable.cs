using System.Globalization;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Antq.Admin.Features.Exports;

/// <summary>What a cell of a column holds, so XLSX gets typed cells (numbers as numbers, dates as dates).</summary>
public enum CellKind { Text, Number, Date, DateTime }

public sealed record ExportColumn(string Header, CellKind Kind = CellKind.Text, double Width = 18);

/// <summary>One sheet: its columns and its rows, streamed (one array per row, in column order; null = empty cell).
/// <see cref="Prepare"/>, when set, runs before the sheet is written (columns that need a pass over the data).</summary>
public sealed record ExportSheet(string Name, IReadOnlyList<ExportColumn> Columns, IAsyncEnumerable<object?[]> Rows,
    Func<CancellationToken, Task>? Prepare = null);

/// <summary>An export: a file name (without extension) and its sheets; CSV carries one sheet of it.</summary>
public sealed record ExportFile(string FileStem, IReadOnlyList<ExportSheet> Sheets);

public enum ExportFormat { Xlsx, Csv }

/// <summary>
/// The one writer of every list export. XLSX through MiniExcel (ADR 0009): each sheet is written row by row from
/// its async stream into a zip in create mode, so memory stays bounded whatever the row count; typed cells, dates
/// in dd/MM/yyyy, frozen header row, autofilter. CSV: UTF-8 with BOM (Excel opens Vietnamese correctly), RFC 4180
/// quoting, dates dd/MM/yyyy, numbers with a point.
/// </summary>
public static class ExportTable
{
    public static bool TryParseFormat(string? text, out ExportFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "xlsx": format = ExportFormat.Xlsx; return true;
            case "csv": format = ExportFormat.Csv; return true;
            default: format = default; return false;
        }
    }

    public static string ContentType(ExportFormat format) => format == ExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(ExportFile file, ExportFormat format, int sheet = 0) => format == ExportFormat.Csv && sheet > 0
        ? $"{file.FileStem}-{Ascii(file.Sheets[sheet].Name)}.csv"
        : $"{file.FileStem}.{(format == ExportFormat.Csv ? "csv" : "xlsx")}";

    public static async Task WriteAsync(Stream output, ExportFile file, ExportFormat format, int sheet, CancellationToken ct)
    {
        if (format == ExportFormat.Csv)
        {
            var chosen = file.Sheets[Math.Clamp(sheet, 0, file.Sheets.Count - 1)];
            if (chosen.Prepare is { } prepare) await prepare(ct);
            await WriteCsvAsync(output, chosen, ct);
            return;
        }
        foreach (var s in file.Sheets)
            if (s.Prepare is { } prepare) await prepare(ct);
        await WriteXlsxAsync(output, file, ct);
    }

    public static async Task WriteXlsxAsync(Stream output, ExportFile file, CancellationToken ct)
    {
        var sheets = new Dictionary<string, object>();
        var dynamicColumns = new List<DynamicExcelColumn>();
        foreach (var sheet in file.Sheets)
        {
            var headers = UniqueHeaders(sheet.Columns);
            for (var i = 0; i < headers.Length; i++)
            {
                var column = new DynamicExcelColumn(headers[i]) { Width = sheet.Columns[i].Width };
                if (sheet.Columns[i].Kind == CellKind.Date) column.Format = "dd/MM/yyyy";
                else if (sheet.Columns[i].Kind == CellKind.DateTime) column.Format = "dd/MM/yyyy HH:mm";
                dynamicColumns.Add(column);
            }
            sheets[sheet.Name] = Rows(sheet, headers, ct);
        }
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            TableStyles = TableStyles.None,
            // Same header in two sheets (e.g. "Mã đơn vị"): one setting serves both.
            DynamicColumns = dynamicColumns.GroupBy(c => c.Key).Select(g => g.First()).ToArray(),
        };
        await output.SaveAsAsync(sheets, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: ct);
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> Rows(ExportSheet sheet, string[] headers,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var any = false;
        await foreach (var row in sheet.Rows.WithCancellation(ct))
        {
            any = true;
            var cells = new Dictionary<string, object?>(headers.Length);
            for (var i = 0; i < headers.Length; i++) cells[headers[i]] = i < row.Length ? Cell(row[i], sheet.Columns[i].Kind) : null;
            yield return cells;
        }
        // An empty list still shows its header row.
        if (!any)
        {
            var empty = new Dictionary<string, object?>(headers.Length);
            foreach (var header in headers) empty[header] = null;
            yield return empty;
        }
    }

    /// <summary>Dates as DateTime (vi-VN local time) so Excel stores a date number; everything else as given.</summary>
    private static object? Cell(object? value, CellKind kind) => value switch
    {
        null => null,
        DateTimeOffset at => Components.Display.InVietnam(at).DateTime,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        _ => value,
    };

    private static string[] UniqueHeaders(IReadOnlyList<ExportColumn> columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var headers = new string[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var header = columns[i].Header;
            for (var n = 2; !seen.Add(header); n++) header = $"{columns[i].Header} ({n})";
            headers[i] = header;
        }
        return headers;
    }

    public static async Task WriteCsvAsync(Stream output, ExportSheet sheet, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(string.Join(',', sheet.Columns.Select(c => Quote(c.Header))));
        var line = new StringBuilder();
        await foreach (var row in sheet.Rows.WithCancellation(ct))
        {
            line.Clear();
            for (var i = 0; i < sheet.Columns.Count; i++)
            {
                if (i > 0) line.Append(',');
                line.Append(Quote(CsvText(i < row.Length ? row[i] : null, sheet.Columns[i].Kind)));
            }
            await writer.WriteLineAsync(line, ct);
        }
        await writer.FlushAsync(ct);
    }

    private static string CsvText(object? value, CellKind kind) => value switch
    {
        null => "",
        DateTimeOffset at => kind == CellKind.Date ? Components.Display.Date(at) : Components.Display.DateTime(at),
        DateOnly date => Components.Display.Date(date),
        DateTime dt => dt.ToString(kind == CellKind.Date ? "dd/MM/yyyy" : "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180; a leading =, +, - or @ gets an apostrophe so a spreadsheet never runs a cell as a formula.</summary>
    private static string Quote(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '@' or '-' && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    /// <summary>"Giải thích" → "giai-thich": file names stay ASCII.</summary>
    public static string Ascii(string text) =>
        string.Join('-', Units.VietnameseText.Fold(text).Split((char[])[' ', '/', '\\', '.', ','], StringSplitOptions.RemoveEmptyEntries));
}
