using Antq.Admin.Data;
using Antq.Admin.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// Accessibility: the public verify page on a phone, form inputs named by their labels, and an
/// axe-core check of the main screens (no serious or critical WCAG 2 A/AA violations).
/// </summary>
[Collection(UiCollection.Name)]
public sealed class AccessibilityUiTests(UiServer server)
{
    private const string Draftee = "trangbom@dongnai.demo";
    private const string Admin = "admin@dongnai.demo";
    private const string Reviewer = "tinh@dongnai.demo";

    /// <summary>A verify page with the longest values a real document has (64-character hashes, long unit names).</summary>
    private static readonly VerificationView LongView = new(
        "ABCDEFGHIJKLMNOPQRSTUVWX", "doc-1", "Biên bản họp xét công nhận", "bien-ban-hop-xet", "15/BB-BCĐ",
        new DateOnly(2025, 10, 3), "Đồng Nai", "Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh Đồng Nai",
        "Phường Trấn Biên, tỉnh Đồng Nai", 1, true, "issued", "qd9745.xa", "2025.1",
        new string('a', 64), "bien-ban-hop-xet", 1, new string('b', 64), new string('c', 64),
        "Ban Chỉ đạo tỉnh Đồng Nai", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task VerifyPage_OnAPhone_TextWrapsByWordsNotOneLetterPerLine()
    {
        var page = await server.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.SetContentAsync(VerifyApi.Page(LongView));

        // Every heading, paragraph, label and value is at least 200 px wide: no one-letter columns.
        var widths = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('h1, p, dt, dd')].map(e => e.getBoundingClientRect().width)");
        Assert.True(widths.Length >= 30, $"{widths.Length} elements");
        Assert.All(widths, width => Assert.True(width > 200, $"an element {width} px wide"));
        // Nothing runs off the screen sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Form_NumberField_IsFoundByItsLabel()
    {
        var id = await DraftAsync();
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Draftee, $"/ho-so/{id}");
        var field = page.Locator("[data-testid=dynamic-form] [data-widget=number]").First;
        await field.WaitForAsync();
        var label = (await field.Locator("label.antq-field-label").InnerTextAsync()).TrimEnd('*', ' ');

        var input = page.GetByLabel(label, new() { Exact = true });
        await Assertions.Expect(input).ToHaveCountAsync(1);
        Assert.Equal(await field.Locator("input").GetAttributeAsync("id"), await input.GetAttributeAsync("id"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/ho-so")]
    [InlineData("/xet-duyet")]
    [InlineData("/don-vi")]
    [InlineData("/tai-khoan")]
    [InlineData("/goi-tieu-chi")]
    [InlineData("/thoi-han")]
    [InlineData("/thong-bao")]
    [InlineData("/bao-cao")]
    [InlineData("/van-ban")]
    [InlineData("/ke-hoach")]
    [InlineData("/mau-van-ban")]
    [InlineData("/goi-tieu-chi/qd9745.xa")]
    [InlineData("/goi-tieu-chi/tao-moi")]
    [InlineData("/goi-tieu-chi/qd9745.xa/soan")]
    [InlineData("/xet-duyet/quyet-dinh-cong-nhan", Reviewer)] // the decision page refuses an administrator
    [InlineData("/xet-duyet", Reviewer)]
    [InlineData("/van-ban", Reviewer)]
    [InlineData("/huong-dan")]
    [InlineData("/doi-mat-khau")]
    [InlineData("/khong-tim-thay")]
    public async Task MainScreen_HasNoSeriousAccessibilityViolations(string path, string account = Admin)
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, account, path);
        await page.Locator("h1").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DossierForm_HasNoSeriousAccessibilityViolations()
    {
        var id = await DraftAsync();
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Draftee, $"/ho-so/{id}");
        await page.Locator("[data-testid=dynamic-form] [data-widget=number]").First.WaitForAsync();
        await AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LoginForgotAndVerifyPages_HaveNoSeriousAccessibilityViolations()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"{server.BaseUrl}/dang-nhap");
        await page.Locator("#email").WaitForAsync();
        await AssertAccessibleAsync(page);
        await page.GotoAsync($"{server.BaseUrl}/quen-mat-khau");
        await page.Locator("h1").WaitForAsync();
        await AssertAccessibleAsync(page);
        await page.GotoAsync($"{server.BaseUrl}/dat-lai-mat-khau?email=ai%40dongnai.demo&token=AAAA");
        await page.Locator("h1").WaitForAsync();
        await AssertAccessibleAsync(page);

        await page.SetContentAsync(VerifyApi.Page(LongView));
        await AssertAccessibleAsync(page);
        await page.SetContentAsync(VerifyApi.Page(null));
        await AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Runs axe-core (WCAG 2 A and AA rules) over the page and fails on any violation of impact
    /// "serious" or "critical", listing each rule with the elements it found.
    /// </summary>
    internal static async Task AssertAccessibleAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js") });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160) + ' :: ' + n.failureSummary) })));
            }
            """);
        using var violations = JsonDocument.Parse(json);
        Assert.True(violations.RootElement.GetArrayLength() == 0, $"{page.Url}: {json}");
    }

    private async Task<Guid> DraftAsync()
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        return await db.Submissions.Where(s => s.PackId == "qd9745.xa" && s.Status == "draft" && s.Unit!.Code == "26248")
            .Select(s => s.Id).FirstAsync();
    }
}
