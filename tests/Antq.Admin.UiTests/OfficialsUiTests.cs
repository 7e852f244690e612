using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>Issue 18: the help page from the header, Vietnamese pages where a person lands, no button the server would refuse.</summary>
[Collection(UiCollection.Name)]
public sealed class OfficialsUiTests(UiServer server)
{
    private const string Commune = "trangdai@dongnai.demo";

    [Fact]
    public async Task Help_IsReachedFromTheHeader_AndSpeaksToTheRole()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Commune, "/");
        await page.Locator("[data-testid=help-link]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hướng dẫn sử dụng");
        await Assertions.Expect(page.Locator("[data-testid=help]")).ToContainTextAsync("Đơn vị lập và gửi hồ sơ");
        await UiServer.ShotAsync(page, "90-huong-dan-don-vi");

        await page.GotoAsync($"{server.BaseUrl}/doi-mat-khau");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Đổi mật khẩu");
        await page.Locator("[data-action=change-password]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=change-password-errors]")).ToContainTextAsync("Cần nhập mật khẩu hiện tại");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnknownAddress_IsAVietnamesePage()
    {
        var page = await server.NewPageAsync();
        var response = await page.GotoAsync($"{server.BaseUrl}/khong-co-trang-nay");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Không tìm thấy trang");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnitAccount_IsNotOfferedCreateAccount()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Commune, "/tai-khoan");
        await page.Locator("h1").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-action=create-account]").CountAsync());
        await page.Context.CloseAsync();
    }
}
