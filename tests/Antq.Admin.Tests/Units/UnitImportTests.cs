using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Units;

/// <summary>Unit import from CSV and XLSX: all or nothing, every error with its row and column.</summary>
public sealed class UnitImportTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Header = "code,name,kind,level,parentCode";

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] file, string fileName, bool dryRun = false)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName } };
        return client.PostAsync("/api/units/import" + (dryRun ? "?dryRun=true" : ""), form);
    }

    private static Task<HttpResponseMessage> ImportCsvAsync(HttpClient client, string csv, bool dryRun = false) =>
        ImportAsync(client, Encoding.UTF8.GetBytes(csv), "don-vi.csv", dryRun);

    private static async Task<JsonElement?> FindAsync(HttpClient client, string code)
    {
        var items = await client.ItemsAsync($"/api/units?q={Uri.EscapeDataString(code)}");
        return items.Where(u => u.Str("code") == code).Cast<JsonElement?>().FirstOrDefault();
    }

    private static async Task<List<(int Row, string? Column, string Message)>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.Int("row"), e.GetProperty("column").GetString(), e.Str("message"))).ToList();
    }

    [Fact]
    public async Task Csv_GoodFile_CreatedUnderExistingAndEarlierParents()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var csv = $""""
            {Header}
            IM-D1,Huyện Nhập,huyen,district,{world.Province.Code}
            IM-X1,"Xã Nhập, Một",xa,commune,IM-D1
            IM-X2,Xã Nhập Hai,xa,commune,IM-D1
            IM-G1,"Trường THCS ""Nhập""",co-so-giao-duc,unit,IM-X1
            IM-X3,Phường Nhập Ba,phuong,commune,{world.DistrictA.Code}
            """";
        var response = await ImportCsvAsync(admin, csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, summary.Int("created"));
        Assert.Equal(0, summary.Int("updated"));

        var district = (await FindAsync(admin, "IM-D1"))!.Value;
        var commune = (await FindAsync(admin, "IM-X1"))!.Value;
        var school = (await FindAsync(admin, "IM-G1"))!.Value;
        Assert.Equal("Xã Nhập, Một", commune.Str("name"));
        Assert.Equal("Trường THCS \"Nhập\"", school.Str("name"));
        Assert.Equal($"{world.Province.Path}{district.Int("id")}/{commune.Int("id")}/{school.Int("id")}/", school.Str("path"));
        Assert.Equal(3, school.Int("depth"));
        Assert.Equal(world.DistrictA.Id, (await FindAsync(admin, "IM-X3"))!.Value.Int("parentId"));
    }

    [Fact]
    public async Task Csv_VietnameseLevelAndKindNames_Accepted()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var csv = $""""
            {Header}
            VN-X1,Xã Tên Việt,Xã,Cấp xã,{world.DistrictA.Code}
            VN-X2,Phường Tên Việt,phường,xã,{world.DistrictA.Code}
            """";
        var response = await ImportCsvAsync(admin, csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = (await FindAsync(admin, "VN-X1"))!.Value;
        var second = (await FindAsync(admin, "VN-X2"))!.Value;
        Assert.Equal(world.DistrictA.Id, first.Int("parentId"));
        Assert.Equal(world.DistrictA.Id, second.Int("parentId"));
    }

    [Fact]
    public async Task Csv_SemicolonWithExistingCodes_UpdatedAndMovedWithSubtree()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var first = $"{Header}\nUP-D1,Huyện Một,huyen,district,{world.Province.Code}\nUP-D2,Huyện Hai,huyen,district,{world.Province.Code}\n"
            + "UP-X1,Xã Cũ,xa,commune,UP-D1\nUP-K1,Khu dân cư 1,khu-dan-cu,unit,UP-X1\n";
        Assert.Equal(HttpStatusCode.OK, (await ImportCsvAsync(admin, first)).StatusCode);

        // Excel in Vietnamese saves CSV with semicolons and a BOM.
        var second = "\uFEFFcode;name;kind;level;parentCode\r\nUP-X1;Phường Mới;phuong;commune;UP-D2\r\nUP-X9;Xã Thêm;xa;commune;UP-D2\r\n";
        var response = await ImportCsvAsync(admin, second);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, summary.Int("created"));
        Assert.Equal(1, summary.Int("updated"));

        var d2 = (await FindAsync(admin, "UP-D2"))!.Value;
        var x1 = (await FindAsync(admin, "UP-X1"))!.Value;
        var k1 = (await FindAsync(admin, "UP-K1"))!.Value;
        Assert.Equal("Phường Mới", x1.Str("name"));
        Assert.Equal("phuong", x1.Str("kind"));
        Assert.Equal($"{d2.Str("path")}{x1.Int("id")}/{k1.Int("id")}/", k1.Str("path"));
    }

    [Fact]
    public async Task Csv_BadRows_422WithRowNumbersAndNothingWritten()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var csv = $"""
            {Header}
            BAD-1,Xã Tốt,xa,commune,{world.Province.Code}
            BAD-2,Xã Sai Loại,thon,commune,{world.Province.Code}
            BAD-3,Xã Mồ Côi,xa,commune,KHONG-CO
            BAD-1,Xã Trùng Mã,xa,commune,{world.Province.Code}
            BAD-5,,xa,commune,{world.Province.Code}
            {world.CommuneB1.Code},Xã Đổi Cấp,xa,cap-la,{world.DistrictB.Code}
            """;
        var errors = await ErrorsAsync(await ImportCsvAsync(admin, csv));
        Assert.Contains(errors, e => e is { Row: 3, Column: "kind" });
        Assert.Contains(errors, e => e is { Row: 4, Column: "parentCode" });
        Assert.Contains(errors, e => e is { Row: 5, Column: "code" } && e.Message.Contains("dòng 2"));
        Assert.Contains(errors, e => e is { Row: 6, Column: "name" });
        Assert.Contains(errors, e => e is { Row: 7, Column: "level" });
        Assert.DoesNotContain(errors, e => e.Row == 2);
        Assert.Null(await FindAsync(admin, "BAD-1"));
        Assert.Equal(world.CommuneB1.Name, (await FindAsync(admin, world.CommuneB1.Code))!.Value.Str("name"));
    }

    [Fact]
    public async Task Csv_DryRun_ChecksButWritesNothing()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var csv = $"{Header}\nDRY-1,Xã Thử,xa,commune,{world.DistrictB.Code}\nDRY-2,Xã Thử Hai,xa,commune,{world.DistrictB.Code}\n";
        var response = await ImportCsvAsync(admin, csv, dryRun: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, summary.Int("created"));
        Assert.True(summary.GetProperty("dryRun").GetBoolean());
        Assert.Null(await FindAsync(admin, "DRY-1"));

        var bad = await ErrorsAsync(await ImportCsvAsync(admin, $"{Header}\nDRY-3,Xã,xa,commune,KHONG-CO\n", dryRun: true));
        Assert.Equal(2, Assert.Single(bad).Row);
    }

    [Fact]
    public async Task Csv_DryRun_PreviewListsEveryRowWithItsAction()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var csv = $"{Header}\nDRY-P1,Xã Xem Trước,xa,commune,{world.DistrictB.Code}\n" +
                  $"{world.CommuneB1.Code},{world.CommuneB1.Name},xa,commune,{world.DistrictB.Code}\n" +
                  $"{world.CommuneA2.Code},{world.CommuneA2.Name},phuong,commune,{world.DistrictB.Code}\n";
        var summary = await (await ImportCsvAsync(admin, csv, dryRun: true)).Content.ReadFromJsonAsync<JsonElement>();

        var rows = summary.GetProperty("rows").EnumerateArray().Select(r => (r.Int("row"), r.Str("code"), r.Str("action"))).ToList();
        Assert.Equal([(2, "DRY-P1", "create"), (3, world.CommuneB1.Code, "update"), (4, world.CommuneA2.Code, "move")], rows);
        Assert.Null(await FindAsync(admin, "DRY-P1"));
        Assert.Equal(world.DistrictA.Id, (await FindAsync(admin, world.CommuneA2.Code))!.Value.Int("parentId"));
    }

    [Fact]
    public async Task Csv_ParentOnLaterRow_422()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var csv = $"{Header}\nLATE-X,Xã Sớm,xa,commune,LATE-D\nLATE-D,Huyện Muộn,huyen,district,{world.Province.Code}\n";
        var errors = await ErrorsAsync(await ImportCsvAsync(admin, csv));
        Assert.Equal((2, "parentCode"), (Assert.Single(errors).Row, errors[0].Column));
        Assert.Null(await FindAsync(admin, "LATE-D"));
    }

    [Fact]
    public async Task Csv_MoveUnderOwnDescendant_422()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var create = $"{Header}\nLOOP-A,Xã Vòng,xa,commune,{world.DistrictB.Code}\nLOOP-B,Khu B,khu-dan-cu,unit,LOOP-A\n";
        Assert.Equal(HttpStatusCode.OK, (await ImportCsvAsync(admin, create)).StatusCode);
        var loop = $"{Header}\nLOOP-A,Xã Vòng,xa,commune,LOOP-B\n";
        var errors = await ErrorsAsync(await ImportCsvAsync(admin, loop));
        Assert.Contains(errors, e => e is { Row: 2, Column: "parentCode" });
    }

    [Fact]
    public async Task Csv_MissingColumnOrNotUtf8_422()
    {
        await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var header = await ErrorsAsync(await ImportCsvAsync(admin, "code,name,kind,level\nX,Xã,xa,commune\n"));
        Assert.Contains(header, e => e is { Row: 1, Column: "parentCode" });
        var latin1 = await ErrorsAsync(await ImportAsync(admin, [.. "code,name,kind,level,parentCode\nX,X"u8, 0xE0, .. "\n"u8], "cu.csv"));
        Assert.Contains("UTF-8", Assert.Single(latin1).Message);
        var empty = await ErrorsAsync(await ImportCsvAsync(admin, Header + "\n"));
        Assert.Single(empty);
    }

    [Fact]
    public async Task Import_OverFiveMegabytes_RefusedNothingWritten()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var big = new StringBuilder(Header + "\n");
        for (var i = 0; big.Length < 6 * 1024 * 1024; i++) big.Append($"BIG-{i},Xã Rất Dài Số {i},xa,commune,{world.Province.Code}\n");
        var response = await ImportCsvAsync(admin, big.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await FindAsync(admin, "BIG-0"));
    }

    [Fact]
    public async Task Xlsx_GoodFile_CreatedFromFirstSheet()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var xlsx = XlsxBuilder.Build(
            ["code", "name", "kind", "level", "parentCode"],
            ["91001", "Xã Sông Trầu", "xa", "commune", world.Province.Code],
            [],
            ["91002", "Công ty TNHH Gỗ Sông Trầu", "doanh-nghiep", "unit", "91001"]);
        var response = await ImportAsync(admin, xlsx, "don-vi.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).Int("created"));
        var commune = (await FindAsync(admin, "91001"))!.Value;
        var company = (await FindAsync(admin, "91002"))!.Value;
        Assert.Equal("Xã Sông Trầu", commune.Str("name"));
        Assert.Equal(1, commune.Int("depth"));
        Assert.Equal(commune.Int("id"), company.Int("parentId"));
    }

    [Fact]
    public async Task Xlsx_BadRow_422WithSpreadsheetRowNumber()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var xlsx = XlsxBuilder.Build(
            ["code", "name", "kind", "level", "parentCode"],
            ["XL-1", "Xã Một", "xa", "commune", world.Province.Code],
            [],
            ["XL-2", "Xã Hai", "xa", "", world.Province.Code]);
        var errors = await ErrorsAsync(await ImportAsync(admin, xlsx, "don-vi.xlsx"));
        Assert.Equal((4, "level"), (Assert.Single(errors).Row, errors[0].Column));
        Assert.Null(await FindAsync(admin, "XL-1"));
    }

    [Fact]
    public async Task Xlsx_Corrupt_422()
    {
        await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var errors = await ErrorsAsync(await ImportAsync(admin, [(byte)'P', (byte)'K', 3, 4, 1, 2, 3], "hong.xlsx"));
        Assert.Contains("XLSX", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task Xlsx_WithDoctype_422()
    {
        await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var prolog = """<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>""";
        var xlsx = XlsxBuilder.Raw(XlsxBuilder.Sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c></row>", prolog));

        var errors = await ErrorsAsync(await ImportAsync(admin, xlsx, "doctype.xlsx"));

        Assert.Contains("DOCTYPE", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task Csv_OverRowCap_422()
    {
        await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var csv = new StringBuilder(Header + "\n");
        for (var i = 0; i < 20_001; i++) csv.Append("R").Append(i).Append(",Tên,xa,commune,X\n");

        var errors = await ErrorsAsync(await ImportCsvAsync(admin, csv.ToString(), dryRun: true));

        Assert.Contains("hơn 20000 dòng", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task Csv_Periods_RenameFromADateIsHistory_ManagingCodeSet_SearchByOldName()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        // First import: the commune from 01/01/2020, a school in it managed by the province.
        var first = await ImportCsvAsync(admin, $""""
            code,name,kind,level,parentCode,validFrom,validTo,managingCode
            IP-X1,Xã Bình Sơn,xa,commune,{world.DistrictA.Code},01/01/2020,,
            IP-G1,Trường THPT Bình Sơn,co-so-giao-duc,unit,IP-X1,,,{world.Province.Code}
            """");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var commune = (await FindAsync(admin, "IP-X1"))!.Value;
        var school = (await FindAsync(admin, "IP-G1"))!.Value;
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/units/{school.Int("id")}");
        Assert.Equal(world.Province.Id, detail.GetProperty("managingUnit").Int("id"));

        // Re-import with a new name and kind from 30/04/2026: previewed as a change, recorded as a new period.
        var csv = $""""
            code,name,kind,level,parentCode,validFrom
            IP-X1,Phường Bình Sơn,phuong,commune,{world.DistrictA.Code},30/04/2026
            """";
        var preview = await (await ImportCsvAsync(admin, csv, dryRun: true)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("period", preview.GetProperty("rows")[0].Str("action"));
        Assert.Equal(HttpStatusCode.OK, (await ImportCsvAsync(admin, csv)).StatusCode);
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/units/{commune.Int("id")}/history");
        Assert.Equal(["Xã Bình Sơn", "Phường Bình Sơn"], history.EnumerateArray().Select(p => p.Str("name")));
        Assert.Equal("2026-04-29", history[0].Str("validTo"));
        Assert.Equal("Phường Bình Sơn", (await FindAsync(admin, "IP-X1"))!.Value.Str("name"));

        // Found by its former name, typed without diacritics.
        var found = await admin.ItemsAsync("/api/units?q=xa%20binh%20son");
        Assert.Contains(found, u => u.Int("id") == commune.Int("id"));

        // A date before the last period, or written another way, is refused at its row and column; nothing changes.
        var errors = await ErrorsAsync(await ImportCsvAsync(admin, $""""
            code,name,kind,level,parentCode,validFrom
            IP-X1,Phường Khác,phuong,commune,{world.DistrictA.Code},01/01/2021
            IP-X2,Xã Mới,xa,commune,{world.DistrictA.Code},2021-01-01
            """"));
        Assert.Contains(errors, e => e is { Row: 3, Column: "validFrom" } && e.Message.Contains("ngày/tháng/năm"));
        errors = await ErrorsAsync(await ImportCsvAsync(admin, $""""
            code,name,kind,level,parentCode,validFrom
            IP-X1,Phường Khác,phuong,commune,{world.DistrictA.Code},01/01/2021
            """"));
        Assert.Contains(errors, e => e is { Row: 2, Column: "validFrom" } && e.Message.Contains("30/04/2026"));
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>($"/api/units/{commune.Int("id")}/history")).GetArrayLength());
    }
}
