using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Evaluation;

/// <summary>
/// The values an explanation lists, each kind as people read it, exactly: the explanation is written into one buffer
/// (numbers formatted on the stack, values boxed only when kept), and must read as when each value had a string of its own.
/// </summary>
public sealed class ExplanationValuesTests
{
    private static readonly CompiledPack Pack = new PackBuilder()
        .Field("so_ho", """{ "type": "integer", "title": "Số hộ" }""")
        .Field("am", """{ "type": "integer", "title": "Chênh lệch" }""")
        .Field("ty_le", """{ "type": "number", "title": "Tỷ lệ" }""")
        .Field("nam", """{ "type": "integer", "minimum": 2000, "maximum": 2100, "title": "Năm" }""")
        .Field("ma", """{ "type": "number", "title": "Mã", "x-ui": { "format": "code" } }""")
        .Field("co", """{ "type": "boolean", "title": "Đã ký" }""")
        .Field("ngay", """{ "type": "string", "format": "date", "title": "Ngày ký" }""")
        .Field("ten", """{ "type": "string", "title": "Tên" }""")
        .Field("muc", """{ "type": "string", "title": "Mức", "oneOf": [ { "const": "cao", "title": "Mức cao" } ] }""")
        .Field("ds", """{ "type": "array", "title": "Danh sách", "items": { "type": "integer" } }""")
        .Rule("TC01", "form.so_ho + form.am < 0 || form.ty_le > 0 || form.nam > 3000 || form.ma > 100 || !form.co || form.ngay == null", "Giá trị")
        .Rule("TC02", "form.ten.Length > 100 || form.muc == \"x\" || form.ds.Count > 9 || form.so_ho < 0 || form.so_ho < 0", "Chuỗi")
        .Build();

    [Fact]
    public void Explanation_EachKindOfValue_AsPeopleReadIt()
    {
        var result = Pack.Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data("""
            { "so_ho": 1234567, "am": -255, "ty_le": -1234.5, "nam": 2025, "ma": 79.5, "co": true, "ngay": "2025-02-15",
              "ten": "Khu dân cư số 1 thuộc phường Tân Phong, thành phố Biên Hòa, tỉnh Đồng Nai cũ", "muc": "cao", "ds": [3, 1, 2] }
            """));

        Assert.Equal("Giá trị — Số hộ: 1.234.567; Chênh lệch: -255; Tỷ lệ: -1.234,5; Năm: 2025; Mã: 79.5; Đã ký: có; Ngày ký: 15/02/2025",
            result.Criteria.Single(c => c.Id == "TC01").Explanation);
        Assert.Equal("Chuỗi — Tên: «Khu dân cư số 1 thuộc phường Tân Phong, thành phố Biên Hò…»; Mức: Mức cao; Danh sách: 3, 1, 2; Số hộ: 1.234.567",
            result.Criteria.Single(c => c.Id == "TC02").Explanation);
    }
}
