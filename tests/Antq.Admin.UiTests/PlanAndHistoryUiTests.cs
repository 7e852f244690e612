using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// The province administrator's year plan page and a unit's history: a refused field says why beside it, a saved
/// plan reads back with its override and quota, and a rename recorded from a date shows as a new period with the
/// old name kept. Units and the plan's year are the test's own (nothing of the demo is changed).
/// </summary>
[Collection(UiCollection.Name)]
public sealed class PlanAndHistoryUiTests(UiServer server)
{
    private const string Admin = "admin@dongnai.demo";
    private const int PlanYear = 2039;

    [Fact]
    public async Task YearPlan_AdminEditsDeadlineAndQuota_RefusalsAtTheField()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, $"/ke-hoach?nam={PlanYear}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Kế hoạch năm {PlanYear}");
        await page.Locator("input[name=so-ke-hoach]").FillAsync("15/KH-UBND");
        await page.Locator("input[name=ngay-ban-hanh]").FillAsync("31/02/2039");
        await page.Locator("input[name=co-quan-ban-hanh]").FillAsync("Ủy ban nhân dân thành phố thử nghiệm");

        // A deadline override of one stage for every pack, with the packs' default beside it.
        await page.Locator("[data-action=add-deadline]").ClickAsync();
        await ChooseAsync(page, "han-buoc-0", "Gửi hồ sơ lên cấp trên");
        await page.Locator("input[name=han-ngay-0]").FillAsync("15/11");
        await Assertions.Expect(page.Locator("[data-deadline-row='0'] [data-testid=pack-default]")).ToContainTextAsync("Mặc định của bộ tiêu chí");

        // A quota without its kinds, and an impossible date: both refused beside their fields, nothing saved.
        await page.Locator("[data-action=add-quota]").ClickAsync();
        await page.Locator("input[name=chi-tieu-noi-dung-0]").FillAsync("mỗi phường đăng ký ít nhất 01 khu phố");
        await page.Locator("[data-action=save-plan]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for=issuedOn]")).ToContainTextAsync("ngày/tháng/năm");
        await page.Locator("input[name=ngay-ban-hanh]").FillAsync("10/03/2039");
        await page.Locator("[data-action=save-plan]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for='quotas[0].kinds']")).ToContainTextAsync("loại đơn vị");
        await Assertions.Expect(page.Locator("[data-error-for='quotas[0].level']")).ToContainTextAsync("cấp áp dụng");
        await UiServer.ShotAsync(page, "60-ke-hoach-loi");

        await ChooseAsync(page, "chi-tieu-cap-0", null);
        await page.Locator(".rz-dropdown:has(input[name='chi-tieu-loai-0'])").ClickAsync();
        await page.Locator(".rz-multiselect-panel:visible li, .rz-dropdown-panel:visible li").First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("[data-action=save-plan]").ClickAsync();
        await Assertions.Expect(page.Locator(".rz-notification-message", new() { HasText = $"Đã lưu kế hoạch năm {PlanYear}" })).ToBeVisibleAsync(new() { Timeout = 20_000 }); // the save is slow on a busy machine
        await UiServer.ShotAsync(page, "61-ke-hoach");

        // Read back: the page after a reload, and the API.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("input[name=so-ke-hoach]")).ToHaveValueAsync("15/KH-UBND");
        await Assertions.Expect(page.Locator("input[name=han-ngay-0]")).ToHaveValueAsync("15/11");
        await Assertions.Expect(page.Locator("[data-testid=plan-citation]")).ToContainTextAsync("Kế hoạch số 15/KH-UBND ngày 10/03/2039");
        var api = await server.ApiClientAsync(Admin);
        var plan = await api.GetFromJsonAsync<JsonElement>($"/api/plans/{PlanYear}");
        Assert.Equal((11, 15), (plan.GetProperty("deadlines")[0].GetProperty("dueMonth").GetInt32(), plan.GetProperty("deadlines")[0].GetProperty("dueDay").GetInt32()));
        Assert.Equal(1, plan.GetProperty("quotas").GetArrayLength());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnitHistory_AdminRecordsARename_OldNameKept()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var code = $"LS-{suffix}";
        var api = await server.ApiClientAsync(Admin);
        int rootId;
        using (var scope = server.Services.CreateScope())
            rootId = await scope.ServiceProvider.GetRequiredService<AntqDbContext>().Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var created = await api.PostAsJsonAsync("/api/units", new { code, name = $"Xã Thử Lịch Sử {suffix}", kind = "xa", level = "commune", parentId = rootId });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, "/don-vi");
        await page.Locator("input[name=tim-don-vi]").FillAsync($"xa thu lich su {suffix}");
        await page.Locator("[data-action=search-units]").ClickAsync();
        await page.Locator("[data-testid=unit-search-results] tr", new() { HasText = suffix }).Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unit-detail] h2")).ToHaveTextAsync($"Xã Thử Lịch Sử {suffix}");
        await Assertions.Expect(page.Locator("[data-testid=unit-authority] [data-testid=managing-unit]")).ToContainTextAsync("theo địa bàn");

        // xã → phường from 30/04/2026: a wrong date is refused beside its field first.
        await page.Locator("[data-action=record-change]").ClickAsync();
        await ChooseAsync(page, "loai-thay-doi", "Chuyển xã thành phường");
        await Assertions.Expect(page.Locator("input[name=ten-moi]")).ToHaveValueAsync($"Phường Thử Lịch Sử {suffix}");
        await page.Locator("input[name=tu-ngay]").FillAsync("31/04/2026");
        await page.Locator("[data-action=save-period]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for=validFrom]")).ToContainTextAsync("ngày/tháng/năm");
        await page.Locator("input[name=tu-ngay]").FillAsync("30/04/2026");
        await page.Locator("[data-action=save-period]").ClickAsync();

        var rows = page.Locator("[data-testid=unit-periods] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync($"Xã Thử Lịch Sử {suffix}");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("29/04/2026");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync($"Phường Thử Lịch Sử {suffix}");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("30/04/2026 – nay");
        await Assertions.Expect(page.Locator("[data-testid=unit-detail] h2")).ToHaveTextAsync($"Phường Thử Lịch Sử {suffix}");
        await UiServer.ShotAsync(page, "62-don-vi-lich-su");

        // The former name still finds it.
        await page.Locator("input[name=tim-don-vi]").FillAsync($"xa thu lich su {suffix}");
        await page.Locator("[data-action=search-units]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unit-search-results]")).ToContainTextAsync($"Phường Thử Lịch Sử {suffix}");
        await page.Context.CloseAsync();
    }

    /// <summary>Picks an item of a Radzen dropdown by its text (the first item when null).</summary>
    private static async Task ChooseAsync(IPage page, string name, string? text)
    {
        await page.Locator($".rz-dropdown:has(input[name='{name}'])").ClickAsync();
        var items = page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item");
        await (text is null ? items.First : items.Filter(new() { HasText = text }).First).ClickAsync();
    }
}
