using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// The steps before and after the unit's dossier in the browser: two communes of the test's own send their Bản đăng ký
/// phấn đấu with its two files (the party committee's resolution, the security plan: TT124 Điều 9 khoản 2 điểm a; the second
/// commune on a phone), the level above sees both files, downloads one, accepts one and refuses the other with a reason (the refused commune reads it on the page and
/// in its bell); the accepted commune's dossier, sent, is appraised on the review page with an opinion per criterion.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class RegistrationAndAppraisalUiTests(UiServer server)
{
    private const string Pack = "tt124.xa";
    private const string Refusal = "Chưa kèm nghị quyết của Đảng ủy xã về công tác bảo đảm an ninh, trật tự.";
    private const string ResolutionFile = "Nghị quyết Đảng ủy xã về đăng ký phấn đấu.pdf";
    private const string PlanFile = "Kế hoạch bảo đảm an ninh, trật tự.pdf";

    /// <summary>A small PDF standing for a scanned document.</summary>
    private static byte[] Pdf(string title) => System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n% {title}\n%%EOF\n");

    [Fact]
    public async Task TwoCommunesRegister_OneAcceptedOneRefused_ThenTheDossierIsAppraised()
    {
        var suffix = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var accepted = await UiCommunes.CreateAsync(server, $"UI-DK1-{suffix}", $"Xã Đăng Ký Một {suffix}");
        var refused = await UiCommunes.CreateAsync(server, $"UI-DK2-{suffix}", $"Xã Đăng Ký Hai {suffix}");

        foreach (var (commune, movementClass) in new[] { (accepted, "Tốt"), (refused, "Khá") })
        {
            var page = await server.NewPageAsync();
            if (commune == refused) await page.SetViewportSizeAsync(390, 844);
            await server.LoginAsync(page, commune.UnitEmail, "/ban-dang-ky");
            await page.Locator("[data-action=start-registration]", new() { HasText = "đối với xã, phường" }).First.ClickAsync();
            await page.FillAsync("[name=dk-cam-ket]", "Phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” trong năm.");
            await page.Locator(".rz-dropdown:has(input[name='dk-xep-loai'])").ClickAsync();
            await page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item", new() { HasText = movementClass }).First.ClickAsync();
            await page.FillAsync("[name=dk-chi-tieu]", "Không để xảy ra trọng án; 100% hộ gia đình ký cam kết.");
            await page.FillAsync("[name=dk-nguoi-ky]", "Nguyễn Văn An");
            // Sending without the files is refused, naming them; what was typed stays.
            await page.Locator("[data-action=send-registration]").ClickAsync();
            await Assertions.Expect(page.Locator(".rz-notification-item", new() { HasText = "còn thiếu Nghị quyết của cấp ủy Đảng" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[name=dk-nguoi-ky]")).ToHaveValueAsync("Nguyễn Văn An");
            var files = page.Locator("[data-testid=registration-form] [data-testid=registration-files]");
            foreach (var (kind, name) in new[] { ("nghi-quyet", ResolutionFile), ("ke-hoach", PlanFile) })
            {
                await BlazorInputFile.SetAsync(page.Locator($"#dk-tep-{kind}"), new FilePayload { Name = name, MimeType = "application/pdf", Buffer = Pdf(name) });
                await Assertions.Expect(files.Locator($"[data-file-kind={kind}] a")).ToHaveTextAsync(name);
            }
            if (commune == accepted)
            {
                // (Radzen's notifications fail contrast on every page, a theme matter: the form is checked once they are gone.)
                await Assertions.Expect(page.Locator(".rz-notification-item")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
                await AccessibilityUiTests.AssertAccessibleAsync(page);
                await UiServer.ShotAsync(page, "69-dang-ky-phan-dau-ho-so-kem-theo");
            }
            await page.Locator("[data-action=send-registration]").ClickAsync();
            await Assertions.Expect(page.Locator($"tr[data-unit='{commune.Name}'] [data-testid=registration-status]")).ToHaveTextAsync("Đã gửi, chờ chấp nhận");
            if (commune == accepted) await UiServer.ShotAsync(page, "70-dang-ky-phan-dau-da-gui");
            await page.Context.CloseAsync();
        }

        // Both communes sit under the same level: its reviewer decides both.
        var reviewer = await server.NewPageAsync();
        await server.LoginAsync(reviewer, accepted.ReviewerEmail, "/ban-dang-ky");
        var acceptedRow = reviewer.Locator($"tr[data-unit='{accepted.Name}']");
        await Assertions.Expect(acceptedRow.Locator("[data-testid=registration-files] a")).ToHaveTextAsync([ResolutionFile, PlanFile]);
        var download = await reviewer.RunAndWaitForDownloadAsync(() => acceptedRow.Locator("[data-file-kind=nghi-quyet] a").ClickAsync());
        Assert.Equal(ResolutionFile, download.SuggestedFilename);
        Assert.Equal(Pdf(ResolutionFile), await File.ReadAllBytesAsync(await download.PathAsync()));
        await acceptedRow.Locator("[data-action=accept-registration]").ClickAsync();
        await Assertions.Expect(acceptedRow.Locator("[data-testid=registration-status]")).ToHaveTextAsync("Đã được chấp nhận");
        var refusedRow = reviewer.Locator($"tr[data-unit='{refused.Name}']");
        await refusedRow.Locator("[data-action=refuse-registration]").ClickAsync();
        await reviewer.FillAsync("[name=dk-ly-do]", Refusal);
        await reviewer.Locator("[data-action=confirm-refuse]").ClickAsync();
        await Assertions.Expect(refusedRow.Locator("[data-testid=registration-status]")).ToHaveTextAsync("Bị từ chối: " + Refusal);
        await UiServer.ShotAsync(reviewer, "71-dang-ky-phan-dau-xet");
        // Radzen's success notifications fail contrast on every page (a theme matter, not this page's): checked once they are gone.
        await Assertions.Expect(reviewer.Locator(".rz-notification-item")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await AccessibilityUiTests.AssertAccessibleAsync(reviewer);

        // The refused commune reads the reason on its page and in its bell.
        var refusedPage = await server.NewPageAsync();
        await server.LoginAsync(refusedPage, refused.UnitEmail, "/ban-dang-ky");
        await Assertions.Expect(refusedPage.Locator($"tr[data-unit='{refused.Name}'] [data-testid=registration-status]")).ToHaveTextAsync("Bị từ chối: " + Refusal);
        await Assertions.Expect(refusedPage.Locator($"tr[data-unit='{refused.Name}'] [data-action=edit-registration]")).ToBeVisibleAsync();
        await Assertions.Expect(refusedPage.Locator("[data-testid=unread-count]")).ToBeVisibleAsync();
        await refusedPage.Locator("[data-testid=notification-badge]").ClickAsync();
        await refusedPage.WaitForURLAsync(url => url.EndsWith("/thong-bao", StringComparison.Ordinal));
        await Assertions.Expect(refusedPage.Locator("[data-notification]", new() { HasText = Refusal })).ToHaveCountAsync(1);
        await refusedPage.Context.CloseAsync();

        // The accepted commune's dossier, sent through the API, is appraised in the browser.
        var unit = await server.ApiClientAsync(accepted.UnitEmail);
        var id = Guid.NewGuid();
        var data = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Pack(Pack), "tests", "01-dat-tat-ca.json"))).RootElement.GetProperty("data");
        var year = Antq.FormEngine.Deadlines.VietnamTime.YearOf(DateTimeOffset.UtcNow); // the year the page registered for
        Assert.Equal(HttpStatusCode.Created, (await unit.PutAsJsonAsync($"/api/submissions/{id}", new { unitId = accepted.UnitId, packId = Pack, year, data })).StatusCode);
        await OwnMeetings.HoldAsync(unit, id);
        var sent = await unit.PostAsJsonAsync($"/api/submissions/{id}/submit", new { });
        Assert.True(sent.StatusCode == HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());

        await reviewer.GotoAsync($"{server.BaseUrl}/xet-duyet/{id}");
        var panel = reviewer.Locator("[data-testid=issued-documents]");
        await panel.Locator("[data-action=open-appraisal]").ClickAsync();
        await reviewer.FillAsync("[name=tham-dinh-nguoi]", "Trần Văn Bình - Phó Trưởng Công an tỉnh");
        var firstCriterion = reviewer.Locator("[data-testid=appraisal-criteria] tbody tr").First;
        await firstCriterion.Locator(".rz-chkbox-box").ClickAsync();
        await firstCriterion.Locator("input.rz-textbox").FillAsync("Chưa có biên bản kiểm tra kèm theo.");
        await reviewer.FillAsync("[name=tham-dinh-ket-luan]", "Hồ sơ cơ bản đầy đủ; đề nghị bổ sung biên bản kiểm tra.");
        await AccessibilityUiTests.AssertAccessibleAsync(reviewer);
        await reviewer.Locator("[data-action=record-appraisal]").ClickAsync();
        var latest = panel.Locator("[data-testid=latest-appraisal]");
        await Assertions.Expect(latest).ToContainTextAsync("Trần Văn Bình - Phó Trưởng Công an tỉnh");
        await Assertions.Expect(latest).ToContainTextAsync("không nhất trí với đơn vị ở 1/");
        await UiServer.ShotAsync(reviewer, "72-tham-dinh-ho-so");

        var documents = await (await server.ApiClientAsync(accepted.ReviewerEmail)).GetFromJsonAsync<JsonElement>($"/api/submissions/{id}/documents");
        var appraisal = Assert.Single(documents.GetProperty("appraisals").EnumerateArray());
        Assert.False(appraisal.GetProperty("opinions")[0].GetProperty("agrees").GetBoolean());
        await reviewer.Context.CloseAsync();
    }
}
