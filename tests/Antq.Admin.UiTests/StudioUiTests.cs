using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Antq.Admin.UiTests.FormPage;

namespace Antq.Admin.UiTests;

/// <summary>The pack studio in the browser: replace a placeholder criterion by choosing, publish, activate; errors as you type; conflicts; who may.</summary>
[Collection(UiCollection.Name)]
public sealed class StudioUiTests(UiServer server)
{
    private const string Admin = "admin@dongnai.demo";
    private const string Reviewer = "tranbien.bcd@dongnai.demo";
    private const string Commune = "daklua@dongnai.demo";
    private const string Pack = "qd9745.xa";
    private const string NewField = "so_buoi_tuyen_truyen";
    private const string NewFieldTitle = "Số buổi tuyên truyền về bảo vệ an ninh Tổ quốc trong năm";
    private static readonly PageAssertionsToHaveURLOptions Slow = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToContainTextOptions Wait = new() { Timeout = 60_000 };

    private static ILocator Input(IPage page, string name) => page.Locator($"[data-field='{name}']").First;

    private static async Task<string> ActiveVersionAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions"))
            .EnumerateArray().Single(v => v.GetProperty("active").GetBoolean()).GetProperty("version").GetString()!;

    private static async Task AddFieldAsync(IPage page, string parent, string name, string label, string widget)
    {
        await Input(page, "new-parent").SelectOptionAsync(parent);
        await Input(page, "new-name").FillAsync(name);
        await Input(page, "new-label").FillAsync(label);
        await Input(page, "new-widget").SelectOptionAsync(widget);
        await page.Locator("[data-action=add-field]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=studio-field-list] li[data-path='{parent}.{name}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=studio-field-editor] [data-field=field-title]")).ToHaveValueAsync(label);
    }

    [Fact]
    public async Task Administrator_ReplacesPlaceholderTC03ByChoosing_SavesTestFromPreview_Publishes_Activates_CommuneSeesField()
    {
        using var api = await server.ApiClientAsync(Admin);
        var active = await ActiveVersionAsync(api);
        var page = await server.NewPageAsync();
        try
        {
            await server.LoginAsync(page, Admin, $"/goi-tieu-chi/{Pack}/soan");
            await page.Locator($"[data-action=start-from][data-version='{active}']").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("ban-nhap=\\d+"), Slow);
            await Assertions.Expect(page.Locator("[data-testid=studio-verdict]")).ToContainTextAsync("Hợp lệ", Wait);
            var version = (await page.Locator("[data-testid=studio-version]").InnerTextAsync()).Trim();

            // A new number field in criterion 3's group, with its value in every test case (a smaller one in the "all not met" case).
            await AddFieldAsync(page, "tc03", NewField, NewFieldTitle, "number");
            await Input(page, "test-value-all").FillAsync("5");
            await page.Locator("[data-action=fill-tests]").ClickAsync();
            var notMetCase = page.Locator("[data-testid=studio-test-values] tr[data-test='tests/02-tat-ca-chua-dat.json'] input");
            await Assertions.Expect(notMetCase).ToHaveValueAsync("5");
            await notMetCase.FillAsync("1");
            await notMetCase.PressAsync("Tab");

            // A conditional field: shown only when the unit says it does not meet criterion 3.
            await AddFieldAsync(page, "tc03", "ke_hoach_bo_sung", "Kế hoạch tổ chức bổ sung các buổi tuyên truyền", "textarea");
            await Input(page, "vis-field").SelectOptionAsync("tc03.dat");
            await Input(page, "vis-value").FillAsync("false");
            await page.Locator("[data-action=set-visible-when]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=visible-when-text]")).ToHaveTextAsync("form.tc03.dat == false");
            await UiServer.ShotAsync(page, "60-studio-bieu-mau", fullPage: false);

            // Criterion 3 becomes computed, built by choosing: the new field ≥ 4.
            await page.Locator("[data-tab=tieu-chi]").ClickAsync();
            await Input(page, "criterion-select").SelectOptionAsync("TC03");
            await Input(page, "criterion-title").FillAsync("Tiêu chí 3 — Tổ chức ít nhất 4 buổi tuyên truyền về bảo vệ an ninh Tổ quốc trong năm");
            await Input(page, "criterion-title").PressAsync("Tab");
            await Input(page, "shape").SelectOptionAsync("compare");
            await Input(page, "shape-a").SelectOptionAsync($"tc03.{NewField}");
            await Input(page, "shape-op").SelectOptionAsync("GreaterOrEqual");
            await Input(page, "shape-value").FillAsync("4");
            await page.Locator("[data-action=apply-shape]").ClickAsync();
            await Assertions.Expect(Input(page, "expression")).ToHaveValueAsync($"form.tc03.{NewField} >= 4");

            // Typed with an unknown field: the sandbox's error shows in place, before anything is saved.
            await Input(page, "expression").FillAsync("form.tc03.khong_co >= 4");
            var verdict = page.Locator("[data-testid=expression-verdict]");
            await Assertions.Expect(verdict).ToContainTextAsync("khong_co", Wait);
            await Assertions.Expect(verdict).ToContainTextAsync("rules.json#/0/Rules/");
            await verdict.ScrollIntoViewIfNeededAsync();
            await UiServer.ShotAsync(page, "61-studio-bieu-thuc-loi", fullPage: false);
            await page.Locator("[data-action=apply-shape]").ClickAsync();
            await Assertions.Expect(verdict).ToContainTextAsync("Biểu thức hợp lệ", Wait);
            await Assertions.Expect(page.Locator("[data-testid=studio-verdict]")).ToContainTextAsync("Hợp lệ", Wait);

            // The live preview is the real form: fill the new field and save the result as a test case.
            await Assertions.Expect(page.Locator("[data-testid=studio-save-state]")).ToContainTextAsync("Đã lưu lúc", Wait);
            await TypeAsync(page, $"/tc03/{NewField}", "2");
            await Assertions.Expect(Criterion(page, "TC03")).ToContainTextAsync("Chưa đạt", Wait);
            await Input(page, "test-name").FillAsync("Tiêu chí 3: chỉ 2 buổi tuyên truyền");
            await page.Locator("[data-action=save-test]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=studio-test-expect] select[data-criterion='TC03']")).ToHaveValueAsync("notMet");
            await page.Locator("[data-action=confirm-test]").ClickAsync();
            await page.Locator("[data-tab=kiem-thu]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=studio-test-results]")).ToContainTextAsync("chỉ 2 buổi tuyên truyền", Wait);
            await Assertions.Expect(page.Locator("[data-testid=studio-verdict]")).ToContainTextAsync("Hợp lệ", Wait);
            await Assertions.Expect(page.Locator("[data-testid=studio-save-state]")).ToContainTextAsync("Đã lưu lúc", Wait);
            await page.Locator("[data-testid=studio-test-results]").ScrollIntoViewIfNeededAsync();
            await UiServer.ShotAsync(page, "62-studio-ca-kiem-thu", fullPage: false);

            // Publish: the registry's own verification, then its version page with diff and impact.
            await page.Locator("[data-action=publish]").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains($"/goi-tieu-chi/{Pack}?phien-ban={version}", StringComparison.Ordinal), new() { Timeout = 60_000 });
            var diff = page.Locator("[data-testid=pack-diff]");
            await Assertions.Expect(diff.Locator("[data-area=criteria]")).ToContainTextAsync("TC03", Wait);
            await Assertions.Expect(diff.Locator("[data-area=form]")).ToContainTextAsync(NewFieldTitle);
            await Assertions.Expect(page.Locator("[data-testid=impact-panel]")).ToBeVisibleAsync();
            await page.Locator("[data-action=activate-candidate]").ClickAsync();
            await page.Locator(".rz-dialog-confirm-buttons button").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=pack-active-version]")).ToHaveTextAsync(version, new() { Timeout = 30_000 });

            // A commune gets the new field at once.
            var commune = await server.NewPageAsync();
            await server.LoginAsync(commune, Commune, "/ho-so");
            var start = commune.Locator($"[data-testid=start-panel] tr[data-pack='{Pack}']");
            await Assertions.Expect(start).ToContainTextAsync(version);
            await start.Locator("[data-action=start]").ClickAsync();
            await Assertions.Expect(Field(commune, $"/tc03/{NewField}")).ToContainTextAsync(NewFieldTitle, Wait);
            await commune.Context.CloseAsync();
        }
        finally
        {
            var back = await api.PostAsync($"/api/packs/{Pack}/versions/{active}/activate", null);
            Assert.True(back.IsSuccessStatusCode, await back.Content.ReadAsStringAsync());
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task TwoAdministratorsEditOneDraft_SecondSaveSeesConflict()
    {
        using var api = await server.ApiClientAsync(Admin);
        var created = await api.PostAsJsonAsync("/api/studio/drafts", new { packId = Pack, version = await ActiveVersionAsync(api) });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var first = await server.NewPageAsync();
        var second = await server.NewPageAsync();
        try
        {
            await server.LoginAsync(first, Admin, $"/goi-tieu-chi/{Pack}/soan?ban-nhap={id}");
            await server.LoginAsync(second, Admin, $"/goi-tieu-chi/{Pack}/soan?ban-nhap={id}");
            foreach (var page in new[] { first, second }) await page.Locator("[data-tab=goi]").ClickAsync();

            await Input(first, "manifest-title").FillAsync("Tên do người thứ nhất sửa");
            await Input(first, "manifest-title").PressAsync("Tab");
            await Assertions.Expect(first.Locator("[data-testid=studio-save-state]")).ToContainTextAsync("Đã lưu lúc", Wait);

            await Input(second, "manifest-title").FillAsync("Tên do người thứ hai sửa");
            await Input(second, "manifest-title").PressAsync("Tab");
            await Assertions.Expect(second.Locator("[data-testid=studio-conflict]")).ToContainTextAsync("tải lại", Wait);
            await UiServer.ShotAsync(second, "63-studio-xung-dot", fullPage: false);

            var stored = await api.GetFromJsonAsync<JsonElement>($"/api/studio/drafts/{id}");
            Assert.Contains("người thứ nhất", stored.GetProperty("files").GetProperty("pack.json").GetString());
        }
        finally
        {
            await first.Context.CloseAsync();
            await second.Context.CloseAsync();
            await api.DeleteAsync($"/api/studio/drafts/{id}");
        }
    }

    /// <summary>A fresh draft of the pack (started over the API), opened in the studio on one criterion.</summary>
    private async Task<(int Id, IPage Page)> OpenCriterionInNewDraftAsync(HttpClient api, string criterion)
    {
        var created = await api.PostAsJsonAsync("/api/studio/drafts", new { packId = Pack, version = await ActiveVersionAsync(api) });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, $"/goi-tieu-chi/{Pack}/soan?ban-nhap={id}");
        await Assertions.Expect(page.Locator("[data-testid=studio-verdict]")).ToContainTextAsync("Hợp lệ", Wait);
        await page.Locator("[data-tab=tieu-chi]").ClickAsync();
        await Input(page, "criterion-select").SelectOptionAsync(criterion);
        return (id, page);
    }

    [Fact]
    public async Task CriterionTitleTyped_ThenALinkFollowedAtOnce_TheTitleIsSaved()
    {
        using var api = await server.ApiClientAsync(Admin);
        var (id, page) = await OpenCriterionInNewDraftAsync(api, "TC02");
        try
        {
            const string title = "Tiêu chí 2 — tên vừa gõ xong thì rời trang ngay";

            // Well within the autosave's debounce: the link is followed right after typing.
            await Input(page, "criterion-title").FillAsync(title);
            await page.Locator("a[href='/goi-tieu-chi/" + Pack + "']").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=pack-versions]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // The leave check saves before the navigation when the edit reached the page first; when the input's change
            // event reaches it behind the navigation (a busy server), the page saves it as it closes: wait for that save.
            var rules = "";
            for (var attempt = 0; attempt < 60 && !rules.Contains(title, StringComparison.Ordinal); attempt++)
            {
                if (attempt > 0) await Task.Delay(250);
                var stored = await api.GetFromJsonAsync<JsonElement>($"/api/studio/drafts/{id}");
                rules = stored.GetProperty("files").GetProperty("rules.json").GetString() ?? "";
            }
            Assert.Contains(title, rules);
        }
        finally
        {
            await page.Context.CloseAsync();
            await api.DeleteAsync($"/api/studio/drafts/{id}");
        }
    }

    [Fact]
    public async Task SubCriteria_AllOrAny_EachBuiltByChoosing()
    {
        using var api = await server.ApiClientAsync(Admin);
        var (id, page) = await OpenCriterionInNewDraftAsync(api, "TC02");
        try
        {

            // Split into two sub-criteria, met when any of them is.
            await Input(page, "shape").SelectOptionAsync("all");
            await page.Locator("[data-action=apply-shape]").ClickAsync();
            var subs = page.Locator("[data-testid=studio-subcriteria]");
            await Assertions.Expect(subs.Locator("li")).ToHaveCountAsync(2);
            await Input(page, "criterion-operator").SelectOptionAsync("Or");

            // The first: a yes/no field is "yes"; the second: a number compared with a value.
            await subs.Locator("li[data-sub='TC02.1'] [data-action=open-sub]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=studio-sub-editor] [data-field=sub-id]")).ToHaveValueAsync("TC02.1");
            await Input(page, "shape").SelectOptionAsync("yes");
            await Input(page, "shape-a").SelectOptionAsync("tc03.dat");
            await page.Locator("[data-action=apply-shape]").ClickAsync();
            await Assertions.Expect(Input(page, "expression")).ToHaveValueAsync("form.tc03.dat == true");
            await Assertions.Expect(page.Locator("[data-testid=expression-verdict]")).ToContainTextAsync("Biểu thức hợp lệ", Wait);

            await page.Locator("[data-action=node-up][data-depth='0']").ClickAsync();
            await subs.Locator("li[data-sub='TC02.2'] [data-action=open-sub]").ClickAsync();
            await Input(page, "sub-title").FillAsync("Không có vụ kích động");
            await Input(page, "sub-title").PressAsync("Tab");
            await Input(page, "shape").SelectOptionAsync("compare");
            await Input(page, "shape-a").SelectOptionAsync("tt124.dieu_4.k3.so_vu_kich_dong");
            await Input(page, "shape-op").SelectOptionAsync("LessOrEqual");
            await Input(page, "shape-value").FillAsync("0");
            await page.Locator("[data-action=apply-shape]").ClickAsync();
            await Assertions.Expect(Input(page, "expression")).ToHaveValueAsync("form.tt124.dieu_4.k3.so_vu_kich_dong <= 0");
            await Assertions.Expect(page.Locator("[data-testid=studio-save-state]")).ToContainTextAsync("Đã lưu lúc", Wait);

            var rules = JsonDocument.Parse((await api.GetFromJsonAsync<JsonElement>($"/api/studio/drafts/{id}")).GetProperty("files").GetProperty("rules.json").GetString()!);
            var tc02 = rules.RootElement[0].GetProperty("Rules").EnumerateArray().Single(r => r.GetProperty("RuleName").GetString() == "TC02");
            Assert.Equal("Or", tc02.GetProperty("Operator").GetString());
            var children = tc02.GetProperty("Rules").EnumerateArray().ToList();
            Assert.Equal("form.tc03.dat == true", children[0].GetProperty("Expression").GetString());
            Assert.Equal("form.tt124.dieu_4.k3.so_vu_kich_dong <= 0", children[1].GetProperty("Expression").GetString());
            Assert.Equal("Không có vụ kích động", children[1].GetProperty("Properties").GetProperty("title").GetString());
        }
        finally
        {
            await page.Context.CloseAsync();
            await api.DeleteAsync($"/api/studio/drafts/{id}");
        }
    }

    [Fact]
    public async Task NewPack_ManifestForm_ErrorBesideTheField_ThenOpensTheStudio()
    {
        using var api = await server.ApiClientAsync(Admin);
        var page = await server.NewPageAsync();
        int? draftId = null;
        try
        {
            await server.LoginAsync(page, Admin, "/goi-tieu-chi");
            await page.Locator("[data-action=new-pack]").ClickAsync();
            await Input(page, "pack-id").FillAsync("Bo Moi");
            await Input(page, "pack-id").PressAsync("Tab");
            await Assertions.Expect(page.Locator("[data-error-at='/id']").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

            var packId = $"thu.ui-{Guid.NewGuid():N}"[..20];
            await Input(page, "pack-id").FillAsync(packId);
            await Input(page, "pack-title").FillAsync("Bộ tiêu chí thử soạn trong trình duyệt");
            await page.Locator("[data-field=pack-unit-kinds] input[data-kind='xa']").CheckAsync();
            await Input(page, "pack-recognised-by").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.Locator("[data-action=add-recognition-row]").ClickAsync();
            await Input(page, "row-by").SelectOptionAsync("managing");
            await Input(page, "row-from").FillAsync("01/07/2025");
            await Input(page, "row-from").PressAsync("Tab");
            await Assertions.Expect(page.Locator("[data-testid=new-pack-verdict]")).ToContainTextAsync("Thông tin hợp lệ.", Wait);
            await UiServer.ShotAsync(page, "64-studio-goi-moi", fullPage: false);
            await page.Locator("[data-action=create-pack]").ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/goi-tieu-chi/{System.Text.RegularExpressions.Regex.Escape(packId)}/soan\\?ban-nhap=\\d+"), Slow);
            draftId = int.Parse(page.Url[(page.Url.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            await Assertions.Expect(page.Locator("[data-testid=studio-verdict]")).ToContainTextAsync("Hợp lệ", Wait);
            var manifest = (await api.GetFromJsonAsync<JsonElement>($"/api/studio/drafts/{draftId}")).GetProperty("files").GetProperty("pack.json").GetString();
            Assert.Contains("\"from\": \"2025-07-01\"", manifest);
        }
        finally
        {
            await page.Context.CloseAsync();
            if (draftId is { } d) await api.DeleteAsync($"/api/studio/drafts/{d}");
        }
    }

    [Fact]
    public async Task Reviewer_CannotOpenTheStudio()
    {
        var page = await server.NewPageAsync();
        try
        {
            await server.LoginAsync(page, Reviewer, $"/goi-tieu-chi/{Pack}/soan");
            await Assertions.Expect(page.Locator("[data-testid=studio-error]")).ToContainTextAsync("quản trị viên cấp tỉnh", Wait);
            await Assertions.Expect(page.Locator("[data-testid=studio-start]")).ToHaveCountAsync(0);
        }
        finally { await page.Context.CloseAsync(); }
    }
}
