using System.Text;
using Antq.Admin.Features.Units;
using Xunit.Abstractions;

namespace Antq.Admin.Tests.Units;

/// <summary>
/// Crafted small XLSX files that expand hugely once read: the reader streams the sheet and stops at
/// its caps, so what it allocates stays bounded (measured as bytes allocated by this thread).
/// </summary>
public sealed class XlsxLimitsTests(ITestOutputHelper output)
{
    private const long AllocationBound = 64L * 1024 * 1024;

    private static readonly string[] Header = ["code", "name", "kind", "level", "parentCode"];

    private static string HeaderRow() =>
        "<row r=\"1\">" + string.Concat(Header.Select((h, i) => $"<c r=\"{(char)('A' + i)}1\" t=\"s\"><v>{i}</v></c>")) + "</row>";

    private (UnitImportTable Table, long Allocated) Measure(byte[] xlsx)
    {
        XlsxUnitReader.Read(XlsxBuilder.Build(Header, ["warm", "up", "xa", "commune", "1"])); // JIT outside the measure
        var before = GC.GetAllocatedBytesForCurrentThread();
        var table = XlsxUnitReader.Read(xlsx);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{xlsx.Length} bytes read with {allocated / 1024} KB allocated");
        return (table, allocated);
    }

    [Fact]
    public void HugeDimension_EmptyCellsAtColumnXfd_ImportedWithoutPadding()
    {
        var rows = new StringBuilder(HeaderRow());
        for (var r = 2; r <= 1_001; r++)
            rows.Append($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>C{r}</t></is></c><c r=\"B{r}\" t=\"s\"><v>1</v></c><c r=\"XFD{r}\"/></row>");
        var xlsx = XlsxBuilder.Raw(XlsxBuilder.Sheet(rows.ToString()), XlsxBuilder.SharedStrings(Header));
        Assert.True(xlsx.Length < 64 * 1024, $"{xlsx.Length} bytes");

        var (table, allocated) = Measure(xlsx);

        Assert.True(allocated < AllocationBound, $"allocated {allocated / 1024 / 1024} MB");
        Assert.Empty(table.Errors);
        Assert.Equal(1_000, table.Rows.Count);
        Assert.Equal("C1001", table.Rows[^1].Code);
    }

    [Fact]
    public void FarColumnWithData_Refused()
    {
        var xlsx = XlsxBuilder.Raw(XlsxBuilder.Sheet(HeaderRow() + "<row r=\"2\"><c r=\"XFD2\" t=\"inlineStr\"><is><t>x</t></is></c></row>"), XlsxBuilder.SharedStrings(Header));

        var (table, _) = Measure(xlsx);

        Assert.Contains("cột", Assert.Single(table.Errors).Message);
    }

    [Fact]
    public void ManyRowsOfRepeatedSharedStrings_RefusedAtTheRowCapWithBoundedAllocation()
    {
        var rows = new StringBuilder(HeaderRow());
        for (var r = 2; r <= 60_000; r++)
            rows.Append($"<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>0</v></c><c r=\"B{r}\" t=\"s\"><v>1</v></c><c r=\"C{r}\" t=\"s\"><v>2</v></c></row>");
        var xlsx = XlsxBuilder.Raw(XlsxBuilder.Sheet(rows.ToString()), XlsxBuilder.SharedStrings(Header));
        Assert.True(xlsx.Length < 1024 * 1024, $"{xlsx.Length} bytes");

        var (table, allocated) = Measure(xlsx);

        Assert.True(allocated < 96L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB");
        Assert.Contains("hơn 20000 dòng", Assert.Single(table.Errors).Message);
    }

    [Fact]
    public void MillionBlankRowsAndCells_RefusedWithBoundedAllocation()
    {
        var blankRows = XlsxBuilder.Raw(XlsxBuilder.Sheet(HeaderRow() + string.Concat(Enumerable.Repeat("<row/>", 1_500_000))), XlsxBuilder.SharedStrings(Header));
        var blankCells = XlsxBuilder.Raw(XlsxBuilder.Sheet(HeaderRow() + "<row r=\"2\">" + string.Concat(Enumerable.Repeat("<c/>", 1_500_000)) + "</row>"), XlsxBuilder.SharedStrings(Header));
        Assert.True(blankRows.Length < 64 * 1024 && blankCells.Length < 64 * 1024, $"{blankRows.Length}, {blankCells.Length} bytes");

        var (rows, rowsAllocated) = Measure(blankRows);
        var (cells, cellsAllocated) = Measure(blankCells);

        Assert.True(rowsAllocated < AllocationBound, $"allocated {rowsAllocated / 1024 / 1024} MB");
        Assert.True(cellsAllocated < AllocationBound, $"allocated {cellsAllocated / 1024 / 1024} MB");
        Assert.Contains("kể cả dòng trống", Assert.Single(rows.Errors).Message);
        Assert.Contains("kể cả ô trống", Assert.Single(cells.Errors).Message);
    }

    [Fact]
    public void HugeSharedStringTable_Refused()
    {
        var xlsx = XlsxBuilder.Raw(XlsxBuilder.Sheet(HeaderRow()), XlsxBuilder.SharedStrings(Enumerable.Range(0, 150_000).Select(i => "s" + i)));

        var (table, allocated) = Measure(xlsx);

        Assert.True(allocated < AllocationBound, $"allocated {allocated / 1024 / 1024} MB");
        Assert.Contains("chuỗi dùng chung", Assert.Single(table.Errors).Message);
    }

    [Fact]
    public void LongCell_Refused()
    {
        var xlsx = XlsxBuilder.Raw(XlsxBuilder.Sheet(HeaderRow() + $"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{new string('x', 5_000)}</t></is></c></row>"), XlsxBuilder.SharedStrings(Header));

        var (table, _) = Measure(xlsx);

        Assert.Contains("1000 ký tự", Assert.Single(table.Errors).Message);
    }

    [Fact]
    public void Doctype_Refused()
    {
        var prolog = """<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>""";
        var xlsx = XlsxBuilder.Raw(XlsxBuilder.Sheet(HeaderRow() + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&b;</t></is></c></row>", prolog), XlsxBuilder.SharedStrings(Header));

        var (table, _) = Measure(xlsx);

        Assert.Contains("DOCTYPE", Assert.Single(table.Errors).Message);
    }
}
