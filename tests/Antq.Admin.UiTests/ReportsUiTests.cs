using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>The province previews its yearly summary report, types its assessment and issues it as a numbered document.</summary>
[Collection(UiCollection.Name)]
public sealed class ReportsUiTests(UiServer server)
{
    [Fact]
    public async Task Province_PreviewsAndIssuesItsYearlyReport()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, "tinh@dongnai.demo", "/");
        await page.Locator(".antq-nav").GetByText("Báo cáo kết quả").ClickAsync();
        await page.WaitForURLAsync("**/bao-cao");

        await page.Locator("textarea[name=danh-gia]").FillAsync("Phong trào được triển khai đồng bộ trên địa bàn toàn tỉnh.");
        await page.Locator("textarea[name=de-xuat]").FillAsync("Đề nghị Bộ Công an tiếp tục hướng dẫn.");
        await page.Locator("[data-action=preview-report]").ClickAsync();
        var preview = page.FrameLocator("[data-testid=report-preview]");
        await Assertions.Expect(preview.Locator("body")).ToContainTextAsync("Kính gửi: Bộ Công an.");
        await Assertions.Expect(preview.Locator("body")).ToContainTextAsync("Phong trào được triển khai đồng bộ trên địa bàn toàn tỉnh.");
        await UiServer.ShotAsync(page, "bao-cao-xem-truoc");

        // Issued before in this server's life (the button reads "Ban hành lại"): a re-issue needs its reason.
        var reason = page.Locator("input[name=ly-do]");
        if (await reason.CountAsync() > 0) await reason.FillAsync("Cập nhật số liệu");
        var before = await page.Locator("[data-testid=issued-reports] tbody tr").CountAsync();
        await page.Locator("[data-action=issue-report]").ClickAsync();
        var rows = page.Locator("[data-testid=issued-reports] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        await Assertions.Expect(rows.First).ToContainTextAsync("(hiện hành)");
        Assert.Matches(@"(\d{2,}/BC|Chờ cấp số)", await rows.First.InnerTextAsync());
        Assert.Equal(1, await rows.First.Locator("a", new() { HasText = "PDF" }).CountAsync());
        await UiServer.ShotAsync(page, "bao-cao-da-ban-hanh");
    }
}
