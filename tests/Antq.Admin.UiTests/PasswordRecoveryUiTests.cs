using System.Text;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>A forgotten password: without SMTP the page says to ask an administrator; the e-mailed reset link sets a new password.</summary>
[Collection(UiCollection.Name)]
public sealed class PasswordRecoveryUiTests(UiServer server)
{
    [Fact]
    public async Task ForgotPassword_WithoutSmtp_SaysToAskAnAdministrator()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"{server.BaseUrl}/dang-nhap");
        await page.Locator("[data-testid=forgot-password]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/quen-mat-khau", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=ask-admin]")).ToContainTextAsync("liên hệ quản trị viên");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ResetLink_SetsANewPassword_UnderThePasswordPolicy()
    {
        // An account of its own (a demo account's new password would sign other tests out).
        var email = $"quen-{Guid.NewGuid():N}@dongnai.demo";
        string token;
        using (var scope = server.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = await users.FindByEmailAsync("admin@dongnai.demo");
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Quên mật khẩu", UnitId = admin!.UnitId };
            Assert.True((await users.CreateAsync(user, UiServer.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.UnitUser)).Succeeded);
            token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        }

        var page = await server.NewPageAsync();
        var link = $"{server.BaseUrl}/dat-lai-mat-khau?email={Uri.EscapeDataString(email)}&token={token}";
        // A bad token is refused in Vietnamese.
        await page.GotoAsync($"{server.BaseUrl}/dat-lai-mat-khau?email={Uri.EscapeDataString(email)}&token=AAAA");
        await page.FillAsync("#password", "Mot-Mat-Khau-Moi-2025");
        await page.FillAsync("#confirm", "Mot-Mat-Khau-Moi-2025");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=reset-error]")).ToContainTextAsync("không hợp lệ");

        // The same policy as everywhere: too short is refused.
        await page.GotoAsync(link);
        await page.FillAsync("#password", "ngan");
        await page.FillAsync("#confirm", "ngan");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=reset-error]")).ToBeVisibleAsync();

        await page.FillAsync("#password", "Mot-Mat-Khau-Moi-2025");
        await page.FillAsync("#confirm", "Mot-Mat-Khau-Moi-2025");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=reset-done]")).ToBeVisibleAsync();

        // The new password signs in.
        await page.GotoAsync($"{server.BaseUrl}/dang-nhap");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Mot-Mat-Khau-Moi-2025");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/dang-nhap", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
