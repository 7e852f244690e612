using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// The dashboard, units and accounts screens as their users work with them: drill-down and back,
/// a unit's own "what to do next", the unit tree with search, create and import, account administration.
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class AdminScreensTests(UiServer server)
{
    private const string Admin = "admin@dongnai.demo";
    private const string Province = "tinh@dongnai.demo";
    private const string Commune = "trangdai@dongnai.demo";

    [GeneratedRegex(@"donvi=(\d+)")]
    private static partial Regex DrilledUnit();

    [Fact]
    public async Task Dashboard_City_DrillsDownToAPhuongAndBackByTheBreadcrumb()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Province, "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tổng quan");
        // Choosing a pack in the overview shows its board.
        await page.Locator("[data-testid=pack-totals] tr[data-pack='qd9745.xa']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("bo=qd9745.xa", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=pack-totals] tr[data-pack='qd9745.xa']")).ToHaveClassAsync(new Regex("antq-dash-selected"));
        await Assertions.Expect(page.Locator("[data-testid=notification-badge]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=status-donut] svg").First.WaitForAsync();
        await UiServer.ShotAsync(page, "20-tong-quan-tinh");

        // Two levels: the city's rows are its communes. On the board of a pack for organisations, a phường
        // has units below it: one level down are its own agencies, enterprises and schools, with the way back.
        await page.Locator("[data-testid=pack-totals] tr[data-pack='qd9745.co-quan-doanh-nghiep-giao-duc']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("bo=qd9745.co-quan-doanh-nghiep-giao-duc", StringComparison.Ordinal));
        var ward = DashboardPage.Row(page, "Phường Trấn Biên");
        await ward.WaitForAsync();
        Assert.Equal(0, await DashboardPage.Row(page, "Thành phố Biên Hòa").CountAsync());
        await ward.ClickAsync();
        await page.WaitForURLAsync(url => DrilledUnit().IsMatch(url));
        await Assertions.Expect(page.Locator("[data-testid=breadcrumb]")).ToContainTextAsync("Phường Trấn Biên");
        await Assertions.Expect(page.Locator("[data-testid=dashboard-unit]")).ToContainTextAsync("Phường Trấn Biên");
        await page.Locator("[data-testid=unit-board] tr[data-unit-name^='Trường THPT ']").First.WaitForAsync();
        Assert.Equal(0, await DashboardPage.Row(page, "Phường Trảng Dài").CountAsync());
        await UiServer.ShotAsync(page, "21-tong-quan-tinh-xuong-xa");

        await page.Locator("[data-testid=breadcrumb] a").First.ClickAsync();
        await DashboardPage.Row(page, "Phường Trấn Biên").WaitForAsync();
        Assert.DoesNotMatch(DrilledUnit(), page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_UnitAccount_SaysWhatToDoNext()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Commune, "/");
        var steps = page.Locator("[data-testid=next-steps] [data-pack]");
        await steps.First.WaitForAsync();
        Assert.True(await steps.CountAsync() >= 2); // both commune packs apply to a ward
        // Each step names its state and what to do about it.
        foreach (var step in await steps.AllAsync())
            await Assertions.Expect(step.Locator("[data-action=next-step]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=next-steps] [data-pack='tt124.xa'] [data-status]")).ToHaveCountAsync(1);
        await UiServer.ShotAsync(page, "22-tong-quan-don-vi");

        // The button takes the unit where the work is.
        await page.Locator("[data-testid=next-steps] [data-pack='tt124.xa'] [data-action=next-step]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/ho-so", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Units_AdminSearchesCreatesAndImports()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, "/don-vi");
        var tree = page.Locator("[data-testid=unit-tree]");
        await tree.Locator("li[data-code='26041'] > .antq-tree-row [data-action=toggle]").ClickAsync();
        await tree.Locator("li[data-code='26041-KP01']").WaitForAsync(); // a khu phố, loaded when Phường Trấn Biên opened
        await tree.Locator("li[data-code='26041'] > .antq-tree-row [data-action=select]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unit-detail] h2")).ToHaveTextAsync("Phường Trấn Biên");
        await UiServer.ShotAsync(page, "30-don-vi-cay");

        // Search ignores diacritics; choosing a result opens the tree down to it.
        await page.Locator("input[name=tim-don-vi]").FillAsync("trang dai");
        await page.Locator("[data-action=search-units]").ClickAsync();
        // The phường itself, not its offices whose names contain it.
        await page.Locator("[data-testid=unit-search-results] tr", new() { Has = page.Locator("td[data-label='Tên']", new() { HasTextRegex = new Regex("^Phường Trảng Dài$") }) })
            .Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unit-detail] h2")).ToHaveTextAsync("Phường Trảng Dài");

        // Create under Trấn Biên: a bad code is refused beside its field, a good one appears in the tree.
        await tree.Locator("li[data-code='26041'] > .antq-tree-row [data-action=select]").ClickAsync();
        await page.Locator("[data-action=create-unit]").ClickAsync();
        await page.Locator("input[name=ma-don-vi]").FillAsync("mã có dấu cách");
        await page.Locator("input[name=ten-don-vi]").FillAsync("Trường Tiểu học Thử Nghiệm");
        await ChooseAsync(page, "loai-don-vi", "co-so-giao-duc");
        await page.Locator("[data-action=save-unit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for=code]")).ToBeVisibleAsync();
        await UiServer.ShotAsync(page, "31-don-vi-them-loi");
        var code = $"UI-{Guid.NewGuid():N}"[..12];
        await page.Locator("input[name=ma-don-vi]").FillAsync(code);
        await page.Locator("[data-action=save-unit]").ClickAsync();
        await tree.Locator($"li[data-code='{code}']").WaitForAsync();

        // Import: the preview lists each row before anything is written; confirming writes it.
        await page.Locator("[data-action=import]").ClickAsync();
        var importCode = $"IM-{Guid.NewGuid():N}"[..12];
        var csv = $"code,name,kind,level,parentCode\n{importCode},Công ty Thử Nhập,doanh-nghiep,unit,26041\n";
        await BlazorInputFile.SetAsync(page.Locator("[data-testid=unit-import] input[type=file]"), new FilePayload
        {
            Name = "don-vi.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        var preview = page.Locator($"[data-testid=import-preview] tr[data-code='{importCode}']");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-action", "create");
        await UiServer.ShotAsync(page, "32-don-vi-nhap-xem-truoc");
        await page.Locator("[data-action=confirm-import]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unit-import]")).ToHaveCountAsync(0);
        await page.Locator("input[name=tim-don-vi]").FillAsync(importCode);
        await page.Locator("[data-action=search-units]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unit-search-results]")).ToContainTextAsync("Công ty Thử Nhập");

        // A file with a mistake lists its errors and writes nothing.
        await page.Locator("[data-action=import]").ClickAsync();
        await BlazorInputFile.SetAsync(page.Locator("[data-testid=unit-import] input[type=file]"), new FilePayload
        {
            Name = "loi.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("code,name,kind,level,parentCode\nX-1,Đơn vị lỗi,khong-co-loai,unit,26041\n"),
        });
        await Assertions.Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync("khong-co-loai");
        await UiServer.ShotAsync(page, "33-don-vi-nhap-loi");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Accounts_AdminCreatesAReviewerAndLocksIt()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, "/tai-khoan");
        await page.Locator("[data-testid=account-list]").WaitForAsync();
        await UiServer.ShotAsync(page, "40-tai-khoan-danh-sach");

        var email = $"ui-{Guid.NewGuid():N}"[..11] + "@dongnai.demo";
        await page.Locator("[data-action=create-account]").ClickAsync();
        await page.Locator("input[name=email]").FillAsync(email);
        await page.Locator("input[name=ten-hien-thi]").FillAsync("Cán bộ xét duyệt thử");
        await ChooseAsync(page, "vai-tro", "reviewer");
        await page.Locator("input[name=don-vi-tai-khoan]").FillAsync("tran bien");
        // Communes come before the offices whose names contain theirs.
        await Assertions.Expect(page.Locator("[data-testid=unit-picker] .antq-unit-results button").First).ToContainTextAsync("Phường Trấn Biên");
        await page.Locator("[data-testid=unit-picker] .antq-unit-results button").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=picked-unit]")).ToHaveTextAsync("Phường Trấn Biên");
        await page.Locator("input[name=mat-khau]").FillAsync("ngan");
        await page.Locator("[data-action=save-account]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for=password]").First).ToBeVisibleAsync();
        await UiServer.ShotAsync(page, "41-tai-khoan-tao-loi");
        await page.Locator("input[name=mat-khau]").FillAsync("Matkhau@2026");
        await page.Locator("[data-action=save-account]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=account-editor]")).ToHaveCountAsync(0);

        await page.Locator("input[name=tim-tai-khoan]").FillAsync(email);
        await page.Locator("[data-action=search-accounts]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=account-list] tbody tr")).ToHaveCountAsync(1); // the search has answered
        var row = page.Locator($"[data-testid=account-list] tr[data-account='{email}']");
        await Assertions.Expect(row).ToContainTextAsync("Phường Trấn Biên");
        await Assertions.Expect(row).ToContainTextAsync("Xét duyệt");
        await row.Locator("[data-action=toggle-account]").ClickAsync();
        await page.Locator(".rz-dialog-confirm-buttons button").First.ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=account-state]")).ToHaveTextAsync("Đã khoá");

        // The locked account cannot sign in.
        var other = await server.NewPageAsync();
        await other.GotoAsync($"{server.BaseUrl}/dang-nhap");
        await other.FillAsync("#email", email);
        await other.FillAsync("#password", "Matkhau@2026");
        await other.ClickAsync("button[type=submit]");
        await other.Locator("[data-testid=login-error]").WaitForAsync();
        await other.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>Opens a Radzen drop-down by its name and picks the item whose value attribute matches.</summary>
    private static async Task ChooseAsync(IPage page, string name, string value)
    {
        var dropDown = page.Locator($".rz-dropdown:has(input[name='{name}'])");
        await dropDown.ClickAsync();
        await page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item", new() { HasText = Label(name, value) }).First.ClickAsync();
    }

    private static string Label(string name, string value) => (name, value) switch
    {
        ("loai-don-vi", "co-so-giao-duc") => "Cơ sở giáo dục",
        ("vai-tro", "reviewer") => "Xét duyệt",
        _ => value,
    };
}
