using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Antq.Admin.UiTests.FormPage;

namespace Antq.Admin.UiTests;

/// <summary>
/// The procedure as people do it in the browser: a commune fills in and submits its form, the
/// district returns it with a reason, the commune fixes and resubmits, the district endorses and recognises.
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class SubmissionJourneyTests(UiServer server)
{
    private const string Commune = "tamhiep@dongnai.demo";
    // Two levels: the city reviews and recognises its communes.
    private const string District = "tinh@dongnai.demo";
    private const string OtherCommune = "trangdai@dongnai.demo";
    private const string OtherDistrict = "tranbien.bcd@dongnai.demo";

    private static readonly int Year = DateTime.UtcNow.AddHours(7).Year;

    [GeneratedRegex("/ho-so/([0-9a-f-]{36})")]
    private static partial Regex SubmissionUrl();

    [Fact]
    public async Task CommuneSubmits_DistrictReturns_CommuneResubmits_DistrictEndorsesAndRecognises()
    {
        var page = await server.NewPageAsync();

        // ── The district's dashboard before: Tam Hiệp is not recognised for this form this year ──
        await server.LoginAsync(page, District, $"/?nam={Year}&bo=tt124.xa");
        var before = await DashboardPage.CountsAsync(page, "Phường Tam Hiệp");
        Assert.Equal((1, 0), (before.Values.Sum(), before["recognised"]));
        await UiServer.LogoutAsync(page);

        // ── The commune starts its form for this year and fills it in ─────────────────────
        await server.LoginAsync(page, Commune, "/ho-so");
        await page.Locator("[data-testid=start-panel]").WaitForAsync();
        await UiServer.ShotAsync(page, "01-ho-so-danh-sach");
        await page.Locator("tr[data-pack='tt124.xa'] [data-action=start]").ClickAsync();
        await page.Locator("[data-testid=dynamic-form]").WaitForAsync();
        var id = SubmissionUrl().Match(page.Url).Groups[1].Value;
        Assert.NotEmpty(id);

        // A conditional field: the number and date of the resolution appear only once it exists.
        Assert.Equal(0, await Field(page, "/tc01/nghi_quyet/ngay_ban_hanh").CountAsync());
        await ChooseAsync(page, "/tc01/nghi_quyet/da_ban_hanh", "Có");
        await TypeAsync(page, "/tc01/nghi_quyet/so_ky_hieu", "15-NQ/ĐU");
        await TypeAsync(page, "/tc01/nghi_quyet/ngay_ban_hanh", $"15/02/{Year}");
        await AttachAsync(page, "/tc01/nghi_quyet/minh_chung", "Nghị quyết 15-NQ.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n% nghi quyet\n"), "application/pdf");
        await ChooseAsync(page, "/tc01/ke_hoach/da_ban_hanh", "Không");
        Assert.Equal(0, await Field(page, "/tc01/ke_hoach/ngay_ban_hanh").CountAsync());
        await ChooseAsync(page, "/tc01/dang_ky_phan_dau/da_dang_ky", "Có");
        await TypeAsync(page, "/tc01/dang_ky_phan_dau/ngay_dang_ky", $"20/02/{Year}");

        // A table row.
        await Field(page, "/tc01/mo_hinh").Locator("[data-action=add-row]").ClickAsync();
        await TypeAsync(page, "/tc01/mo_hinh/0/ten_mo_hinh", "Tổ tự quản an ninh trật tự khu phố 3");
        await TickAsync(page, "/tc01/mo_hinh/0/hoat_dong_hieu_qua");

        // Field errors come from the server-side validation, in Vietnamese, once a field has been touched.
        await TypeAsync(page, "/tc03/so_ca_nhan_bi_ky_luat", "1");
        await TypeAsync(page, "/tc03/so_ca_nhan_bi_ky_luat", "");
        await Assertions.Expect(Field(page, "/tc03/so_ca_nhan_bi_ky_luat").Locator(".antq-field-errors")).ToContainTextAsync("Thiếu thông tin bắt buộc");

        await Tt124XaForm.MeetCriteria2And3Async(page);

        // The criteria panel follows the typing: 10 of 16 recognised is not yet 70 %, 13 of 16 is.
        foreach (var (group, total, registered, recognised) in new[] { ("khu_dan_cu", "10", "10", "5"), ("co_quan", "2", "2", "2"), ("doanh_nghiep", "3", "3", "2"), ("co_so_giao_duc", "1", "1", "1") })
        {
            await TypeAsync(page, $"/tc04/{group}/tong_so", total);
            await TypeAsync(page, $"/tc04/{group}/so_dang_ky", registered);
            await TypeAsync(page, $"/tc04/{group}/so_duoc_cong_nhan", recognised);
        }
        await Assertions.Expect(Criterion(page, "TC04")).ToHaveAttributeAsync("data-status", "notMet");
        await TypeAsync(page, "/tc04/khu_dan_cu/so_duoc_cong_nhan", "8");
        await Assertions.Expect(Criterion(page, "TC04")).ToHaveAttributeAsync("data-status", "met");
        await Assertions.Expect(Criterion(page, "TC01")).ToHaveAttributeAsync("data-status", "notMet");
        await Assertions.Expect(Criterion(page, "TC02")).ToHaveAttributeAsync("data-status", "met");
        await WaitSavedAsync(page);
        await UiServer.ShotAsync(page, "02-ho-so-dien-bieu-mau");

        // The commune's own assessment meeting (TT124 Điều 9 khoản 1): its minutes go up in the dossier.
        await UnitMeetings.RecordOnFormPageAsync(page, "Phường Tam Hiệp", Year);

        // Submit: the summary names what is not met; the form is valid, so it can go.
        await page.Locator("[data-action=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unmet-list]")).ToContainTextAsync("TC01");
        await UiServer.ShotAsync(page, "03-gui-ho-so-tom-tat", fullPage: false);
        await page.Locator("[data-action=confirm-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=readonly-notice]")).ToContainTextAsync("đang chờ");
        Assert.Equal(0, await page.Locator("[data-testid=dynamic-form] input").CountAsync());
        await UiServer.ShotAsync(page, "04-ho-so-da-gui-chi-xem");
        await UiServer.LogoutAsync(page);

        // ── The district returns it, with a reason for TC01 ───────────────────────────────
        await server.LoginAsync(page, District, "/xet-duyet");
        var row = page.Locator($"[data-testid=review-queue] tr[data-submission='{id}']");
        await row.WaitForAsync();
        await UiServer.ShotAsync(page, "05-xet-duyet-hang-cho");
        await row.Locator("a").ClickAsync();
        await page.Locator("[data-testid=review-actions]").WaitForAsync();
        await page.Locator("[data-action=return]").ClickAsync();
        await page.Locator("textarea[name=ly-do-chung]").FillAsync("Đề nghị bổ sung kế hoạch của Ủy ban nhân dân về bảo đảm an ninh, trật tự.");
        await page.Locator("textarea[name='ly-do-TC01']").FillAsync("Chưa có kế hoạch của Ủy ban nhân dân (khoản 1 Điều 5).");
        await page.Locator("textarea[name='ly-do-TC01']").PressAsync("Tab");
        await UiServer.ShotAsync(page, "06-xet-duyet-tra-lai");
        await page.Locator("[data-action=confirm-return]").ClickAsync();
        await Assertions.Expect(page.Locator(".antq-page-head [data-status]")).ToHaveAttributeAsync("data-status", "returned");
        await UiServer.LogoutAsync(page);

        // ── The commune sees the reasons, fixes TC01 and submits again ────────────────────
        await server.LoginAsync(page, Commune, $"/ho-so/{id}");
        await Assertions.Expect(page.Locator("[data-testid=return-banner]")).ToContainTextAsync("kế hoạch của Ủy ban nhân dân");
        await Assertions.Expect(Criterion(page, "TC01").Locator("[data-testid=criterion-reason]")).ToContainTextAsync("Chưa có kế hoạch");
        await UiServer.ShotAsync(page, "07-ho-so-bi-tra-lai");
        await ChooseAsync(page, "/tc01/ke_hoach/da_ban_hanh", "Có");
        await TypeAsync(page, "/tc01/ke_hoach/so_ky_hieu", "32/KH-UBND");
        await TypeAsync(page, "/tc01/ke_hoach/ngay_ban_hanh", $"01/03/{Year}");
        await Assertions.Expect(Criterion(page, "TC01")).ToHaveAttributeAsync("data-status", "met");
        await Assertions.Expect(page.Locator("[data-testid=criteria-panel] [data-testid=outcome]")).ToContainTextAsync("Đạt tiêu chuẩn");
        await WaitSavedAsync(page);
        await page.Locator("[data-action=submit]").ClickAsync();
        await page.Locator("[data-action=confirm-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=readonly-notice]")).ToContainTextAsync("đang chờ");
        await UiServer.LogoutAsync(page);

        // ── The district endorses, then records its recognition decision ─────────────────
        await server.LoginAsync(page, District, $"/xet-duyet/{id}");
        await page.Locator("[data-action=endorse]").ClickAsync();
        await page.Locator(".rz-dialog-confirm-buttons button").First.ClickAsync();
        await Assertions.Expect(page.Locator(".antq-page-head [data-status]")).ToHaveAttributeAsync("data-status", "approved");
        await page.Locator("[data-action=recognise]").ClickAsync();
        await page.Locator("input[name=so-quyet-dinh]").FillAsync("125/QĐ-UBND");
        await page.Locator("input[name=so-quyet-dinh]").PressAsync("Tab");
        await TypeIntoAsync(page.Locator("[name=ngay-quyet-dinh]"), DateTime.UtcNow.AddHours(7).ToString("dd/MM/yyyy"));
        await page.Locator("[data-action=confirm-recognise]").ClickAsync();
        await Assertions.Expect(page.Locator(".antq-page-head [data-status]")).ToHaveAttributeAsync("data-status", "recognised");

        // The evidence, the draft documents and the audit trail of the whole procedure.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Minh chứng (1)" }).ClickAsync();
        var evidence = page.Locator("[data-testid=evidence-list] a").First;
        await Assertions.Expect(evidence).ToContainTextAsync("Nghi-quyet-15-NQ.pdf");
        var download = await page.APIRequest.GetAsync(await evidence.GetAttributeAsync("href") is { } href ? server.BaseUrl + href : "");
        Assert.Equal(200, download.Status);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Lịch sử" }).ClickAsync();
        var timeline = page.Locator("[data-testid=audit-timeline]");
        await Assertions.Expect(timeline.Locator("li[data-action=returned]")).ToContainTextAsync("Chưa có kế hoạch");
        await Assertions.Expect(timeline.Locator("li[data-action=submitted]")).ToHaveCountAsync(2);
        await Assertions.Expect(timeline.Locator("li[data-action=recognised]")).ToContainTextAsync("125/QĐ-UBND");
        await UiServer.ShotAsync(page, "08-xet-duyet-lich-su");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Tiêu chí" }).ClickAsync();
        await UiServer.ShotAsync(page, "09-xet-duyet-tieu-chi");

        // ── The district's dashboard has moved Tam Hiệp to "đã công nhận" ────────────────
        await page.GotoAsync($"{server.BaseUrl}/?nam={Year}&bo=tt124.xa");
        await Assertions.Expect(DashboardPage.Row(page, "Phường Tam Hiệp").Locator("td[data-status=recognised]")).ToHaveTextAsync("1");
        var after = await DashboardPage.CountsAsync(page, "Phường Tam Hiệp");
        Assert.Equal((1, 1), (after.Values.Sum(), after["recognised"]));
        await UiServer.ShotAsync(page, "13-tong-quan-huyen");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherUnitsSubmission_ByUrl_IsNotFound()
    {
        // Tam Hiệp's demo submission, found through the commune's own list.
        var owner = await server.NewPageAsync();
        await server.LoginAsync(owner, Commune, "/ho-so");
        var link = owner.Locator("[data-testid=submission-list] a").First;
        await link.WaitForAsync();
        var href = await link.GetAttributeAsync("href") ?? "";
        var id = SubmissionUrl().Match(href).Groups[1].Value;
        Assert.NotEmpty(id);
        await owner.Context.CloseAsync();

        var neighbour = await server.NewPageAsync();
        await server.LoginAsync(neighbour, OtherCommune, $"/ho-so/{id}");
        await Assertions.Expect(neighbour.Locator("[data-testid=load-message]")).ToContainTextAsync("Không tìm thấy hồ sơ");
        Assert.Equal(0, await neighbour.Locator("[data-testid=dynamic-form]").CountAsync());
        await UiServer.ShotAsync(neighbour, "10-ho-so-don-vi-khac-khong-tim-thay");
        await neighbour.GotoAsync($"{server.BaseUrl}/xet-duyet/{id}");
        await Assertions.Expect(neighbour.Locator("[data-testid=load-message]")).ToContainTextAsync("Không tìm thấy hồ sơ");
        await neighbour.Context.CloseAsync();

        var otherDistrict = await server.NewPageAsync();
        await server.LoginAsync(otherDistrict, OtherDistrict, $"/xet-duyet/{id}");
        await Assertions.Expect(otherDistrict.Locator("[data-testid=load-message]")).ToContainTextAsync("Không tìm thấy hồ sơ");
        await otherDistrict.Context.CloseAsync();
    }

    [Fact]
    public async Task SignedOut_OpeningAPage_GoesToTheLoginPage()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"{server.BaseUrl}/ho-so");
        await page.WaitForURLAsync(url => url.Contains("/dang-nhap", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Đăng nhập");
        await UiServer.ShotAsync(page, "00-dang-nhap");
        await page.FillAsync("#email", Commune);
        await page.FillAsync("#password", "sai-mat-khau");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("Sai thư điện tử hoặc mật khẩu");
        await page.Context.CloseAsync();
    }

    private static async Task TypeIntoAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }
}
