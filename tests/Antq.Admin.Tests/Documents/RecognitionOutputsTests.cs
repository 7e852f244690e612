using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.Admin.Data.Entities;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Documents;

/// <summary>
/// The outcome of the procedure (TT124 Điều 10): one recognition decision for several approved dossiers with a certificate
/// per unit, the refusal notice, and who may issue them. qd9745.xa is recognised by the district in the test world.
/// </summary>
public sealed class RecognitionOutputsTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    /// <summary>The pack's highest outcome, which the decision and the certificate print (data, not code).</summary>
    private static string Achievement()
    {
        using var pack = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "criteria-packs", DocumentHttp.Pack, "pack.json")));
        return pack.RootElement.GetProperty("outcome")[0].GetProperty("title").GetString()!;
    }

    private static string LowerFirst(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    [Fact]
    public async Task Decision_TwoApprovedDossiers_OneDecisionTwoCertificates_DossiersRecognised()
    {
        var world = await factory.WorldAsync();
        var a1 = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var first = await a1.ApprovedAsync(world.CommuneA1, district, 2023);
        var second = await (await TestWorld.LoginAsync(factory, "xa-a2@test.vn")).ApprovedAsync(world.CommuneA2, district, 2023);

        var candidates = await (await district.GetAsync("/api/recognition/candidates?year=2023")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([first, second], candidates.EnumerateArray().Select(c => c.GetProperty("submissionId").GetGuid()).OrderBy(g => g == second).ToArray());

        var request = new { submissionIds = new[] { first, second }, signerName = "Nguyễn Văn Bình", recipients = new[] { "Như Điều 3;", "Công an tỉnh;", "Lưu: VT." } };
        var preview = await district.PostAsJsonAsync("/api/recognition/decisions/preview", request);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewText = HtmlLines.Of(await preview.Content.ReadAsStringAsync());
        Assert.Contains("Số: /QĐ-UBND", previewText);
        Assert.Contains(previewText, l => l.StartsWith("2 | Phường Tân Phong", StringComparison.Ordinal));

        var issued = await (await district.PostAsJsonAsync("/api/recognition/decisions", request)).ExpectAsync(HttpStatusCode.OK);
        var decision = issued.GetProperty("decision");
        var number = decision.GetProperty("number").GetString()!;
        Assert.Matches(@"^\d{2}/QĐ-UBND$", number);
        Assert.False(decision.GetProperty("awaitingNumber").GetBoolean());
        var certificates = issued.GetProperty("certificates").EnumerateArray().ToList();
        Assert.Equal(2, certificates.Count);
        // Yearly numbering (the default): the certificates take the next numbers of the same sequence.
        var sequence = int.Parse(number[..2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([$"{sequence + 1:00}/GCN-UBND", $"{sequence + 2:00}/GCN-UBND"], certificates.Select(c => c.GetProperty("number").GetString()!).Order().ToArray());

        foreach (var id in new[] { first, second })
        {
            var view = await district.ReadSubmissionAsync(id);
            Assert.Equal("recognised", view.Status());
            Assert.Equal(number, view.GetProperty("decision").GetProperty("number").GetString());
        }

        // The unit sees the decision and its own certificate among its dossier's documents.
        var documents = (await a1.DocumentsAsync(first)).GetProperty("documents").EnumerateArray().ToList();
        var decisionId = decision.GetProperty("documentId").GetString()!;
        Assert.Contains(documents, d => d.GetProperty("documentId").GetString() == decisionId && d.GetProperty("kind").GetString() == "QĐ");
        var certificate = Assert.Single(documents, d => d.GetProperty("documentId").GetString() == "giay-cong-nhan");
        Assert.Empty((await a1.DocumentsAsync(first)).GetProperty("canReissue").EnumerateArray());

        var achievement = LowerFirst(Achievement());
        var text = HtmlLines.Of(DocumentHttp.Text(await a1.BytesAsync(first, decisionId)));
        Assert.Equal(
        [
            "ỦY BAN NHÂN DÂN THÀNH PHỐ BIÊN HÒA",
            $"Số: {number}",
        ], text.Take(2).ToArray());
        Assert.Equal(
        [
            "QUYẾT ĐỊNH:",
            $"Điều 1. Công nhận 2 đơn vị {achievement} năm 2023 (có danh sách kèm theo).",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Giấy công nhận được cấp cho từng đơn vị có tên tại Điều 1.",
            "Điều 3. Chánh Văn phòng, Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc, Công an cùng cấp, thủ trưởng các cơ quan, đơn vị liên quan và các đơn vị có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            "Nơi nhận:", "- Như Điều 3;", "- Công an tỉnh;", "- Lưu: VT.",
            "|", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Bình",
        ], HtmlLines.Section(text, "QUYẾT ĐỊNH:", "DANH SÁCH"));
        // "Căn cứ": the law, then the pack's legal basis (data), then the proposal.
        var basis = HtmlLines.Section(text, "Căn cứ Luật", "QUYẾT ĐỊNH:");
        Assert.Equal("Căn cứ Luật Tổ chức chính quyền địa phương;", basis[0]);
        Assert.True(basis.Count >= 3, string.Join("\n", basis));
        Assert.StartsWith("Xét đề nghị của Ban Chỉ đạo", basis[^1]);
        // The annex lists the units with their codes.
        Assert.Equal(
        [
            "DANH SÁCH",
            $"Các đơn vị {achievement} năm 2023",
            $"(Kèm theo Quyết định số {number} {VietnameseToday()} của Ủy ban nhân dân thành phố Biên Hòa)",
            "STT | Tên đơn vị | Mã đơn vị | Thuộc",
            "1 | Phường Tân Biên | 26005 | Thành phố Biên Hòa",
            "2 | Phường Tân Phong | 25993 | Thành phố Biên Hòa",
            "Tổng số: 2 đơn vị.",
        ], HtmlLines.Section(text, "DANH SÁCH", "Mã xác thực"));

        // The certificate: landscape, the unit, the achievement, the year, the decision, the QR code of its verify page.
        var certificateHtml = DocumentHttp.Text(await a1.BytesAsync(first, "giay-cong-nhan"));
        Assert.Contains("size: A4 landscape", certificateHtml);
        Assert.Matches("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]{200,}\"", certificateHtml);
        var code = certificate.GetProperty("verificationCode").GetString()!;
        Assert.Equal(
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BIÊN HÒA",
            "GIẤY CÔNG NHẬN",
            "Công nhận",
            "Phường Tân Phong",
            Achievement(),
            "Năm 2023",
            $"(Theo Quyết định số {number} {VietnameseToday()} của Ủy ban nhân dân thành phố Biên Hòa)",
            $"Số vào sổ: {certificate.GetProperty("number").GetString()}",
            $"Mã xác thực: {code}",
        ], HtmlLines.Section(HtmlLines.Of(certificateHtml), "CỘNG HÒA", "Kiểm tra tại"));
        Assert.Equal(HttpStatusCode.OK, (await a1.DownloadAsync(first, "giay-cong-nhan", format: "docx")).StatusCode);

        // /verify of the certificate: unit, year, decision number and date.
        var anonymous = factory.CreateClient();
        var verify = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/verify/{code}") { Headers = { { "Accept", "application/json" } } });
        var verified = await verify.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("GCN", verified.GetProperty("kind").GetString());
        Assert.Equal("Phường Tân Phong", verified.GetProperty("subjectUnit").GetString());
        Assert.Equal(2023, verified.GetProperty("year").GetInt32());
        Assert.Equal(number, verified.GetProperty("decisionNumber").GetString());
        Assert.Equal(decision.GetProperty("issueDate").GetString(), verified.GetProperty("decisionDate").GetString());
        var page = await (await anonymous.GetAsync($"/verify/{code}")).Content.ReadAsStringAsync();
        Assert.Contains("Năm công nhận", page);
        Assert.Contains($"Số {number} ngày ", page);
        // The decision itself verifies too, naming both units.
        var decisionVerified = await (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/verify/{decision.GetProperty("verificationCode").GetString()}")
            { Headers = { { "Accept", "application/json" } } })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Phường Tân Biên; Phường Tân Phong", decisionVerified.GetProperty("subjectUnit").GetString());

        // A recognised dossier cannot be decided again.
        await (await district.PostAsJsonAsync("/api/recognition/decisions", new { submissionIds = new[] { first } })).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Decision_Refusals_NotReviewer_NotRecognisingLevel_NotApproved_NoSelection()
    {
        var world = await factory.WorldAsync();
        var b1 = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var districtB = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var approved = await b1.ApprovedAsync(world.CommuneB1, districtB, 2022);
        var body = new { submissionIds = new[] { approved } };

        await (await b1.PostAsJsonAsync("/api/recognition/decisions", body)).ExpectAsync(HttpStatusCode.Forbidden);
        // The province reviews it (scope) but the district recognises it.
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        var refused = await (await province.PostAsJsonAsync("/api/recognition/decisions", body)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("không do đơn vị của bạn quyết định công nhận", refused.GetProperty("detail").GetString());
        // Another district cannot even see it.
        var districtA = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        Assert.True((await districtA.PostAsJsonAsync("/api/recognition/decisions", body)).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);

        // Submitted but not yet approved by the district.
        var a1 = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var submitted = await a1.SubmitAsync(world.CommuneA1, 2022);
        var notApproved = await (await districtA.PostAsJsonAsync("/api/recognition/decisions", new { submissionIds = new[] { submitted } })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("chỉ ra quyết định cho hồ sơ đã được thông qua", notApproved.GetProperty("detail").GetString());
        await (await districtA.PostAsJsonAsync("/api/recognition/decisions", new { submissionIds = Array.Empty<Guid>() })).ExpectAsync(HttpStatusCode.BadRequest);

        // Nothing was issued or changed by the refusals.
        Assert.Equal("approved", (await districtB.ReadSubmissionAsync(approved)).Status());
        Assert.DoesNotContain((await b1.DocumentsAsync(approved)).GetProperty("documents").EnumerateArray(), d => d.GetProperty("kind").GetString() is "QĐ" or "GCN");
    }

    [Fact]
    public async Task Reject_IssuesReasonedNoticeToTheUnit()
    {
        var world = await factory.WorldAsync();
        var b1 = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var districtB = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var id = await b1.ApprovedAsync(world.CommuneB1, districtB, 2021);

        var rejected = await (await districtB.ActAsync(id, "reject", new { reason = "Tiêu chí 3 chưa đạt.\nCòn để xảy ra vụ việc phức tạp về trật tự." })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("notRecognised", rejected.Status());
        var notice = Assert.Single((await b1.DocumentsAsync(id)).GetProperty("documents").EnumerateArray(),
            d => d.GetProperty("documentId").GetString() == "thong-bao-khong-cong-nhan");
        Assert.Matches(@"^\d{2}/TB-UBND$", notice.GetProperty("number").GetString()!);
        var text = HtmlLines.Of(DocumentHttp.Text(await b1.BytesAsync(id, "thong-bao-khong-cong-nhan")));
        var achievement = LowerFirst(Achievement());
        Assert.Equal(
        [
            "THÔNG BÁO",
            $"Về việc không công nhận {achievement} năm 2021 đối với Xã Hố Nai 3",
            "Căn cứ Điều 10 Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an và kết quả xét duyệt hồ sơ đề nghị công nhận năm 2021 của Xã Hố Nai 3, Ủy ban nhân dân huyện Trảng Bom thông báo:",
            $"Xã Hố Nai 3 chưa đủ điều kiện được công nhận {achievement} năm 2021, với lý do sau:",
            "- Tiêu chí 3 chưa đạt.",
            "- Còn để xảy ra vụ việc phức tạp về trật tự.",
            "Đề nghị Xã Hố Nai 3 tiếp tục chỉ đạo khắc phục những tồn tại nêu trên, phấn đấu đạt tiêu chuẩn trong năm tiếp theo./.",
            "Nơi nhận:", "- Xã Hố Nai 3;", "- Lưu: VT.",
        ], HtmlLines.Section(text, "THÔNG BÁO", "|"));
    }

    private static string VietnameseToday()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);
        var month = today.Month <= 2 ? $"{today.Month:00}" : today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"ngày {today.Day:00} tháng {month} năm {today.Year}";
    }
}

internal static class RecognitionHttp
{
    /// <summary>Submits a qd9745.xa dossier for the unit and has its district (the recognising level) endorse it: approved, waiting for the decision.</summary>
    public static async Task<Guid> ApprovedAsync(this HttpClient unitClient, Unit unit, HttpClient district, int year)
    {
        var id = await unitClient.SubmitAsync(unit, year);
        var approved = await (await district.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.Status());
        return id;
    }
}
