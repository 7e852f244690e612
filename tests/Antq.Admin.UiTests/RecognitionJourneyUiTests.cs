using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Antq.FormEngine.Deadlines;
using Microsoft.Playwright;
using static Antq.Admin.UiTests.FormPage;

namespace Antq.Admin.UiTests;

/// <summary>
/// The whole recognition journey in the browser, by the people who do it (issue 14): two communes of the test's own each
/// send their Bản đăng ký phấn đấu and the level above accepts it; each fills in its tt124.xa dossier so that it meets the
/// criteria, records its own assessment meeting (attendees by whom they represent, Công an cơ sở among them), sees its
/// minutes issued and sends the dossier; the reviewing level appraises and approves each; the recognising authority issues
/// ONE decision for both; each commune then finds the decision and its Giấy công nhận on its dossier and reads in its bell
/// each step it was told of, once each. The first commune works on a laptop (1366×768), the second on a phone (390×844).
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class RecognitionJourneyUiTests(UiServer server)
{
    private const string Pack = "tt124.xa";
    private const string Province = "tinh@dongnai.demo";

    [GeneratedRegex("/ho-so/([0-9a-f-]{36})")]
    private static partial Regex DossierUrl();

    [Fact]
    public async Task TwoCommunes_RegisterMeetSubmit_ProvinceAppraisesAndIssuesOneDecision_CommunesSeeCertificatesAndEachStepInTheirBell()
    {
        var suffix = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var year = VietnamTime.YearOf(DateTimeOffset.UtcNow);
        var communes = new[]
        {
            (Commune: await UiCommunes.CreateAsync(server, $"UI-HT1-{suffix}", $"Xã Hành Trình Một {suffix}"), Width: 1366, Height: 768),
            (Commune: await UiCommunes.CreateAsync(server, $"UI-HT2-{suffix}", $"Xã Hành Trình Hai {suffix}"), Width: 390, Height: 844),
        };

        // ── Each commune registers; the level above accepts ───────────────────────────────────
        foreach (var (commune, width, height) in communes)
        {
            var page = await CommunePageAsync(commune.UnitEmail, "/ban-dang-ky", width, height);
            await RegisterAsync(page, commune.Name);
            await page.Context.CloseAsync();
        }
        var reviewer = await server.NewPageAsync();
        await server.LoginAsync(reviewer, communes[0].Commune.ReviewerEmail, "/ban-dang-ky");
        foreach (var (commune, _, _) in communes)
        {
            var row = reviewer.Locator($"tr[data-unit='{commune.Name}']");
            await row.Locator("[data-action=accept-registration]").ClickAsync();
            await Assertions.Expect(row.Locator("[data-testid=registration-status]")).ToHaveTextAsync("Đã được chấp nhận");
        }

        // ── Each commune fills in its dossier, records its meeting, sees the minutes and sends it ──
        var dossiers = new List<Guid>();
        foreach (var (commune, width, height) in communes)
        {
            var page = await CommunePageAsync(commune.UnitEmail, "/ho-so", width, height);
            await page.Locator($"tr[data-pack='{Pack}'] [data-action=start]").ClickAsync();
            await page.Locator("[data-testid=dynamic-form]").WaitForAsync();
            dossiers.Add(Guid.Parse(DossierUrl().Match(page.Url).Groups[1].Value));
            await FillPassingDossierAsync(page, year);
            await Assertions.Expect(page.Locator("[data-testid=criteria-panel] [data-testid=outcome]")).ToContainTextAsync("Đạt tiêu chuẩn");
            await WaitSavedAsync(page);

            await UnitMeetings.RecordOnFormPageAsync(page, commune.Name, year);
            await Assertions.Expect(page.Locator("[data-testid=issued-documents] tr[data-document=bien-ban-hop-xet]")).ToContainTextAsync("(hiện hành)");
            await Assertions.Expect(page.Locator("[data-testid=latest-meeting]")).ToContainTextAsync("Cuộc họp đánh giá của đơn vị");
            if (width == 1366) await UiServer.ShotAsync(page, "80-hanh-trinh-bien-ban-hop-cua-xa");

            await page.Locator("[data-action=submit]").ClickAsync();
            await page.Locator("[data-action=confirm-submit]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=readonly-notice]")).ToContainTextAsync("đang chờ");
            await page.Context.CloseAsync();
        }

        // ── The reviewing level appraises and approves each dossier ──────────────────────────
        foreach (var id in dossiers)
        {
            await reviewer.GotoAsync($"{server.BaseUrl}/xet-duyet/{id}");
            var panel = reviewer.Locator("[data-testid=issued-documents]");
            await Assertions.Expect(panel.Locator("tr[data-document=bien-ban-hop-xet]")).ToHaveCountAsync(1);
            await panel.Locator("[data-action=open-appraisal]").ClickAsync();
            await reviewer.FillAsync("[name=tham-dinh-nguoi]", "Trần Văn Bình - Phó Trưởng Công an tỉnh");
            await reviewer.FillAsync("[name=tham-dinh-ket-luan]", "Hồ sơ đầy đủ, các tiêu chí đạt; đề nghị công nhận.");
            await reviewer.Locator("[data-action=record-appraisal]").ClickAsync();
            await Assertions.Expect(panel.Locator("[data-testid=latest-appraisal]")).ToContainTextAsync("không nhất trí với đơn vị ở 0/");
            await reviewer.Locator("[data-action=endorse]").ClickAsync();
            await reviewer.Locator(".rz-dialog-confirm-buttons button").First.ClickAsync();
            await Assertions.Expect(reviewer.Locator(".antq-page-head [data-status]")).ToHaveAttributeAsync("data-status", "approved");
            if (id == dossiers[0]) await UiServer.ShotAsync(reviewer, "81-hanh-trinh-tham-dinh-thong-qua");
        }
        await reviewer.Context.CloseAsync();

        // ── The recognising authority issues ONE decision for the two ─────────────────────────
        var province = await server.NewPageAsync();
        await server.LoginAsync(province, Province, "/xet-duyet/quyet-dinh-cong-nhan");
        foreach (var (commune, _, _) in communes) await province.GetByLabel($"Chọn hồ sơ của {commune.Name}").CheckAsync();
        await province.Locator("[data-action=preview-decision]").ClickAsync();
        foreach (var (commune, _, _) in communes)
            await Assertions.Expect(province.FrameLocator("[data-testid=decision-preview]").Locator("table.units")).ToContainTextAsync(commune.Name);
        await province.Locator("[data-action=issue-decision]").ClickAsync();
        await province.GetByRole(AriaRole.Button, new() { Name = "Ban hành", Exact = true }).ClickAsync();
        var issued = province.Locator("[data-testid=decision-issued]");
        await Assertions.Expect(issued).ToContainTextAsync("Đã ban hành quyết định");
        await Assertions.Expect(issued.Locator("li")).ToHaveCountAsync(2);
        var decisionNumber = Regex.Match(await issued.InnerTextAsync(), @"số (\S+/QĐ-UBND)").Groups[1].Value;
        Assert.NotEmpty(decisionNumber);
        await province.Context.CloseAsync();

        // ── Each commune sees the decision and its certificate, and its bell tells each step once ──
        for (var i = 0; i < communes.Length; i++)
        {
            var (commune, width, height) = communes[i];
            var page = await CommunePageAsync(commune.UnitEmail, $"/ho-so/{dossiers[i]}", width, height);
            await Assertions.Expect(page.Locator(".antq-page-head [data-status]")).ToHaveAttributeAsync("data-status", "recognised");
            var documents = page.Locator("[data-testid=issued-documents]");
            var decision = documents.Locator("tr[data-document^=quyet-dinh-cong-nhan]");
            await Assertions.Expect(decision).ToHaveCountAsync(1);
            await Assertions.Expect(decision).ToContainTextAsync(decisionNumber);
            var certificate = documents.Locator("tr[data-document=giay-cong-nhan]");
            await Assertions.Expect(certificate).ToHaveCountAsync(1);
            var certificateText = Encoding.UTF8.GetString(await OpenAsync(page, certificate, "HTML", "text/html"));
            Assert.Contains(commune.Name, certificateText, StringComparison.Ordinal);
            Assert.Contains(year.ToString(CultureInfo.InvariantCulture), certificateText, StringComparison.Ordinal);
            Assert.Contains(decisionNumber, certificateText, StringComparison.Ordinal);
            Assert.Contains(commune.Name, Encoding.UTF8.GetString(await OpenAsync(page, decision, "HTML", "text/html")), StringComparison.Ordinal);
            var docx = await OpenAsync(page, certificate, "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            using (var zip = new ZipArchive(new MemoryStream(docx)))
                Assert.Contains(zip.Entries, e => e.FullName.EndsWith(".png", StringComparison.Ordinal)); // its QR code
            await OpenAsync(page, certificate, "PDF", "application/pdf");
            if (i == 0) await UiServer.ShotAsync(page, "82-hanh-trinh-xa-duoc-cong-nhan");

            // The bell: registration accepted, dossier approved, recognised with the decision — newest first, once each.
            await Assertions.Expect(page.Locator("[data-testid=unread-count]")).ToHaveTextAsync("3");
            await page.Locator("[data-testid=notification-badge]").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/thong-bao", StringComparison.Ordinal));
            var notes = page.Locator("[data-notification]");
            await Assertions.Expect(notes).ToHaveCountAsync(3);
            await Assertions.Expect(notes.Locator("[data-testid=notification-kind]"))
                .ToHaveTextAsync(["Được công nhận", "Hồ sơ được thông qua", "Đăng ký được chấp nhận"]);
            await Assertions.Expect(notes.Locator(".antq-note-title")).ToHaveTextAsync([
                $"{commune.Name} được công nhận theo {PackTitle}, năm {year}",
                $"Hồ sơ của {commune.Name} đã được thông qua, chờ quyết định công nhận, năm {year}",
                $"Đăng ký phấn đấu của {commune.Name} được chấp nhận, năm {year}",
            ]);
            await Assertions.Expect(notes.First).ToContainTextAsync($"theo Quyết định số {decisionNumber} ngày ");
            if (i == 0) await UiServer.ShotAsync(page, "83-hanh-trinh-chuong-thong-bao");
            await page.Context.CloseAsync();
        }
    }

    private static readonly string PackTitle = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Pack(Pack), "pack.json")))
        .RootElement.GetProperty("title").GetString()!;

    private async Task<IPage> CommunePageAsync(string email, string path, int width, int height)
    {
        var page = await server.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await server.LoginAsync(page, email, path);
        return page;
    }

    /// <summary>The commune's Bản đăng ký phấn đấu for this year with its files, sent to the level above.</summary>
    private static async Task RegisterAsync(IPage page, string unitName)
    {
        await page.Locator("[data-action=start-registration]", new() { HasText = "đối với xã, phường" }).First.ClickAsync();
        await page.FillAsync("[name=dk-cam-ket]", "Phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” trong năm.");
        await page.Locator(".rz-dropdown:has(input[name='dk-xep-loai'])").ClickAsync();
        await page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item", new() { HasText = "Tốt" }).First.ClickAsync();
        await page.FillAsync("[name=dk-chi-tieu]", "Không để xảy ra trọng án; 100% hộ gia đình ký cam kết.");
        await page.FillAsync("[name=dk-nguoi-ky]", "Nguyễn Văn An");
        // The registration dossier's two files (TT124 Điều 9 khoản 2 điểm a): the party committee's resolution, the security plan.
        var files = page.Locator("[data-testid=registration-form] [data-testid=registration-files]");
        foreach (var (kind, name) in new[] { ("nghi-quyet", "Nghị quyết Đảng ủy xã.pdf"), ("ke-hoach", "Kế hoạch bảo đảm an ninh, trật tự.pdf") })
        {
            await BlazorInputFile.SetAsync(page.Locator($"#dk-tep-{kind}"),
                new FilePayload { Name = name, MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes($"%PDF-1.4\n% {name}\n%%EOF\n") });
            await Assertions.Expect(files.Locator($"[data-file-kind={kind}] a")).ToHaveTextAsync(name);
        }
        await page.Locator("[data-action=send-registration]").ClickAsync();
        await Assertions.Expect(page.Locator($"tr[data-unit='{unitName}'] [data-testid=registration-status]")).ToHaveTextAsync("Đã gửi, chờ chấp nhận");
    }

    /// <summary>Everything Điều 5 asks for, typed as a commune official does: all four criteria met.</summary>
    private static async Task FillPassingDossierAsync(IPage page, int year)
    {
        await ChooseAsync(page, "/tc01/nghi_quyet/da_ban_hanh", "Có");
        await TypeAsync(page, "/tc01/nghi_quyet/so_ky_hieu", "12-NQ/ĐU");
        await TypeAsync(page, "/tc01/nghi_quyet/ngay_ban_hanh", $"15/02/{year}");
        await AttachAsync(page, "/tc01/nghi_quyet/minh_chung", "Nghị quyết 12-NQ.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n% nghi quyet\n"), "application/pdf");
        await ChooseAsync(page, "/tc01/ke_hoach/da_ban_hanh", "Có");
        await TypeAsync(page, "/tc01/ke_hoach/so_ky_hieu", "35/KH-UBND");
        await TypeAsync(page, "/tc01/ke_hoach/ngay_ban_hanh", $"01/03/{year}");
        await ChooseAsync(page, "/tc01/dang_ky_phan_dau/da_dang_ky", "Có");
        await TypeAsync(page, "/tc01/dang_ky_phan_dau/ngay_dang_ky", $"05/03/{year}");
        await Field(page, "/tc01/mo_hinh").Locator("[data-action=add-row]").ClickAsync();
        await TypeAsync(page, "/tc01/mo_hinh/0/ten_mo_hinh", "Tổ tự quản về an ninh, trật tự");
        await TickAsync(page, "/tc01/mo_hinh/0/hoat_dong_hieu_qua");

        await Tt124XaForm.MeetCriteria2And3Async(page);

        foreach (var (group, total, recognised) in new[] { ("khu_dan_cu", "12", "10"), ("co_quan", "3", "3"), ("doanh_nghiep", "4", "2"), ("co_so_giao_duc", "1", "1") })
        {
            await TypeAsync(page, $"/tc04/{group}/tong_so", total);
            await TypeAsync(page, $"/tc04/{group}/so_dang_ky", total);
            await TypeAsync(page, $"/tc04/{group}/so_duoc_cong_nhan", recognised);
        }
    }

    /// <summary>Opens one of a document's downloads in the signed-in browser: it answers 200 with the right type; its bytes are returned.</summary>
    private static async Task<byte[]> OpenAsync(IPage page, ILocator row, string format, string contentType)
    {
        var href = await row.Locator("a", new() { HasText = format }).First.GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString());
        Assert.Equal(200, response.Status);
        Assert.StartsWith(contentType, response.Headers["content-type"], StringComparison.Ordinal);
        return await response.BodyAsync();
    }
}
