using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Antq.Admin.UiTests.FormPage;

namespace Antq.Admin.UiTests;

/// <summary>Forms come from whatever pack is active: one uploaded while the server runs has its form at once.</summary>
[Collection(UiCollection.Name)]
public sealed class GeneratedFormTests(UiServer server)
{
    private const string Commune = "daklua@dongnai.demo";

    [Fact]
    public async Task PackUploadedWhileRunning_HasItsForm_WithEveryWidget_AndTwoTabsDoNotOverwriteEachOther()
    {
        await UploadAsAdminAsync(WidgetPack.Zip());

        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Commune, "/ho-so");
        var start = page.Locator($"tr[data-pack='{WidgetPack.Id}'] [data-action=start]");
        await start.ClickAsync();
        await page.Locator("[data-section=bo-sung]").WaitForAsync();
        var url = page.Url;

        // Percent, in vi-VN (decimal comma); checklist; radio of labelled strings.
        await TypeAsync(page, "/bo_sung/ty_le_tham_gia", "85,5");
        await Assertions.Expect(Field(page, "/bo_sung/ty_le_tham_gia").Locator("input")).ToHaveValueAsync("85,5");
        await Field(page, "/bo_sung/hinh_thuc").GetByText("Loa truyền thanh").ClickAsync();
        await Field(page, "/bo_sung/hinh_thuc").GetByText("Mạng xã hội").ClickAsync();
        await ChooseAsync(page, "/bo_sung/muc_do", "Khá");

        // A hidden field is neither shown nor required; shown, it is required.
        Assert.Equal(0, await Field(page, "/bo_sung/y_kien").CountAsync());
        await TickAsync(page, "/bo_sung/co_y_kien");
        await Assertions.Expect(Field(page, "/bo_sung/y_kien").Locator(".antq-required")).ToBeVisibleAsync();
        await Assertions.Expect(Field(page, "/bo_sung/y_kien").Locator(".antq-field-help")).ToContainTextAsync("kiến nghị");
        await WaitSavedAsync(page);
        await page.Locator("[data-section=bo-sung]").ScrollIntoViewIfNeededAsync();
        await UiServer.ShotAsync(page, "11-bieu-mau-goi-moi-tai-len", fullPage: false);

        // The same draft open in a second tab, saved from the first: the second gets a clear 409 message.
        var second = await server.NewPageAsync();
        await server.LoginAsync(second, Commune, new Uri(url).PathAndQuery);
        await second.Locator("[data-section=bo-sung]").WaitForAsync();
        await TypeAsync(page, "/bo_sung/y_kien", "Đề nghị bổ sung kinh phí cho tổ tự quản.");
        await WaitSavedAsync(page);
        await TypeAsync(second, "/bo_sung/ty_le_tham_gia", "90");
        await Assertions.Expect(second.Locator("[data-testid=save-state]")).ToContainTextAsync("đã được thay đổi ở nơi khác", new() { Timeout = 15_000 });
        await UiServer.ShotAsync(second, "12-xung-dot-khi-luu", fullPage: false);

        // Reloading shows what the first tab saved; nothing was overwritten.
        await second.Locator("button:has-text('Tải lại hồ sơ')").ClickAsync();
        await Assertions.Expect(Field(second, "/bo_sung/y_kien").Locator("textarea")).ToHaveValueAsync("Đề nghị bổ sung kinh phí cho tổ tự quản.");
        await Assertions.Expect(Field(second, "/bo_sung/ty_le_tham_gia").Locator("input")).ToHaveValueAsync("85,5");
        await page.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    private async Task UploadAsAdminAsync(byte[] zip)
    {
        using var http = await server.ApiClientAsync("admin@dongnai.demo");
        var upload = await http.PostZipAsync("/api/packs", zip, "thu-nghiem.zip");
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
    }
}
