using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// The units tree after the 2025 reform: a district whose periods all ended is not among the province's children;
/// the toggle shows it greyed with the day it ended, and search still finds it, marked, with its page.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class UnitTreeUiTests(UiServer server)
{
    private const string Admin = "admin@dongnai.demo";

    [Fact]
    public async Task UnitsTree_DissolvedDistrictHidden_ToggleShowsItGreyedWithItsEndDate()
    {
        var (code, name, ended) = await DissolvedChildOfRootAsync();
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, "/don-vi");
        var tree = page.Locator("[data-testid=unit-tree]");
        await tree.Locator("li[role=treeitem] li[role=treeitem]").First.WaitForAsync();
        await Assertions.Expect(tree.Locator($"li[data-code='{code}']")).ToHaveCountAsync(0);
        Assert.Equal(0, await tree.Locator("li[data-dissolved]").CountAsync());

        await page.Locator("[data-testid=show-dissolved]").ClickAsync();
        var district = tree.Locator($"li[data-code='{code}']");
        await Assertions.Expect(district).ToHaveAttributeAsync("data-dissolved", "true");
        await Assertions.Expect(district.Locator(".antq-tree-inactive").First).ToHaveTextAsync($"{name} (đã giải thể từ {ended:dd/MM/yyyy})");
        await UiServer.ShotAsync(page, "34-don-vi-da-giai-the");

        await page.Locator("[data-testid=show-dissolved]").ClickAsync();
        await Assertions.Expect(tree.Locator($"li[data-code='{code}']")).ToHaveCountAsync(0);

        // Search finds it, marked; its page (history) opens.
        await page.Locator("input[name=tim-don-vi]").FillAsync(code);
        await page.Locator("[data-action=search-units]").ClickAsync();
        var row = page.Locator("[data-testid=unit-search-results] tr", new() { HasText = $"{name} (đã giải thể từ {ended:dd/MM/yyyy})" });
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unit-detail] h2")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("[data-testid=unit-detail]")).ToContainTextAsync($"Đã giải thể từ {ended:dd/MM/yyyy}");
        await page.Context.CloseAsync();
    }

    /// <summary>A unit directly under the root whose every period ended before today, with the day after its last one.</summary>
    private async Task<(string Code, string Name, DateOnly Ended)> DissolvedChildOfRootAsync()
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstAsync();
        var periods = await db.UnitPeriods.Where(p => p.Unit!.ParentId == root.Id).ToListAsync();
        var ended = periods.GroupBy(p => p.UnitId).First(g => g.All(p => p.ValidTo < today));
        var unit = await db.Units.FirstAsync(u => u.Id == ended.Key);
        return (unit.Code, unit.Name, ended.Max(p => p.ValidTo!.Value).AddDays(1));
    }
}
