using System.Text.Json;
using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// Tap targets on the phone layout (390×844): every button, link, field and icon button of the header, lists and forms is
/// at least 24×24 CSS px (WCAG 2.2, 2.5.8), links inside running text excepted as the criterion allows; primary actions
/// are at least 44 px high.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class TapTargetUiTests(UiServer server)
{
    private const string Admin = "admin@dongnai.demo";
    private const string Reviewer = "tinh@dongnai.demo";
    private const string Draftee = "trangbom@dongnai.demo";

    [Theory]
    [InlineData(Admin, "/")]
    [InlineData(Admin, "/ho-so")]
    [InlineData(Admin, "/don-vi")]
    [InlineData(Admin, "/tai-khoan")]
    [InlineData(Admin, "/goi-tieu-chi")]
    [InlineData(Admin, "/thoi-han")]
    [InlineData(Admin, "/thong-bao")]
    [InlineData(Admin, "/bao-cao")]
    [InlineData(Admin, "/ke-hoach")]
    [InlineData(Admin, "/huong-dan")]
    [InlineData(Admin, "/doi-mat-khau")]
    [InlineData(Reviewer, "/xet-duyet")]
    [InlineData(Reviewer, "/van-ban")]
    public async Task MainScreen_OnAPhone_TapTargetsAreBigEnough(string email, string path)
    {
        var page = await PhoneAsync();
        await server.LoginAsync(page, email, path);
        await page.Locator("h1").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertTapTargetsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DossierForm_OnAPhone_TapTargetsAreBigEnough()
    {
        var id = await DraftAsync();
        var page = await PhoneAsync();
        await server.LoginAsync(page, Draftee, $"/ho-so/{id}");
        await page.Locator("[data-testid=dynamic-form] [data-widget=number]").First.WaitForAsync();
        await AssertTapTargetsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LoginPage_OnAPhone_TapTargetsAreBigEnough()
    {
        var page = await PhoneAsync();
        await page.GotoAsync($"{server.BaseUrl}/dang-nhap");
        await page.Locator("#email").WaitForAsync();
        await AssertTapTargetsAsync(page);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> PhoneAsync()
    {
        var page = await server.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        return page;
    }

    /// <summary>
    /// Measures every visible interactive element. A link is exempt when it is inline in a sentence (its parent holds
    /// other text); visually hidden inputs (1 px, the real target is their label or box) are not targets.
    /// </summary>
    private static async Task AssertTapTargetsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => {
              const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=link], [role=combobox], [tabindex="0"]';
              const inSentence = e => e.tagName === 'A' && getComputedStyle(e).display === 'inline'
                && (e.parentElement.textContent || '').replace(e.textContent, '').trim().length > 0;
              const describe = (e, r) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} «${(e.innerText || e.getAttribute('aria-label') || e.value || '').trim().slice(0, 40)}» ${Math.round(r.width)}×${Math.round(r.height)}`;
              const targets = [...document.querySelectorAll(selector)]
                .filter(e => e.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
                .map(e => ({ e, r: e.getBoundingClientRect() }))
                .filter(x => x.r.width > 1 && x.r.height > 1);
              const small = targets.filter(x => !inSentence(x.e) && (x.r.width < 24 || x.r.height < 24)).map(x => describe(x.e, x.r));
              const primary = targets.filter(x => x.e.matches('.rz-button.rz-primary, .antq-submit') && x.r.height < 44).map(x => 'primary ' + describe(x.e, x.r));
              return JSON.stringify({ count: targets.length, problems: [...new Set([...small, ...primary])] });
            }
            """);
        using var result = JsonDocument.Parse(json);
        Assert.True(result.RootElement.GetProperty("count").GetInt32() > 0, $"{page.Url}: no interactive element found");
        var problems = result.RootElement.GetProperty("problems");
        Assert.True(problems.GetArrayLength() == 0, $"{page.Url}: {problems}");
    }

    private async Task<Guid> DraftAsync()
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        return await db.Submissions.Where(s => s.PackId == "qd9745.xa" && s.Status == "draft" && s.Unit!.Code == "26248")
            .Select(s => s.Id).FirstAsync();
    }
}
