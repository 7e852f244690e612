using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>Dossier documents in the browser: the commune records its own meeting and gets the minutes; the admin edits a template.</summary>
[Collection(UiCollection.Name)]
public sealed class DocumentsUiTests(UiServer server)
{
    private const string District = "tinh@dongnai.demo";
    private const string Admin = "admin@dongnai.demo";

    [Fact]
    public async Task FormPage_CommuneRecordsItsMeeting_MinutesListedWithNumberAndVerifyLink()
    {
        // A commune of the test's own with a draft of the shipped qd9745.xa, whose minutes the unit issues before sending.
        var suffix = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var commune = await UiCommunes.CreateAsync(server, $"UI-BB-{suffix}", $"Xã Biên Bản {suffix}");
        var id = Guid.NewGuid();
        var year = Antq.FormEngine.Deadlines.VietnamTime.YearOf(DateTimeOffset.UtcNow);
        var data = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Pack("qd9745.xa"), "tests", "01-tat-ca-dat.json"))).RootElement.GetProperty("data");
        var api = await server.ApiClientAsync(commune.UnitEmail);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsJsonAsync($"/api/submissions/{id}", new { unitId = commune.UnitId, packId = "qd9745.xa", year, data })).StatusCode);

        var page = await server.NewPageAsync();
        await server.LoginAsync(page, commune.UnitEmail, $"/ho-so/{id}");
        var panel = page.Locator("[data-testid=issued-documents]");
        await panel.Locator("[data-action=open-meeting]").ClickAsync();

        // An incomplete form is refused with the missing parts named; what was typed stays.
        await page.FillAsync("[name=hop-dia-diem]", $"Hội trường Ủy ban nhân dân {commune.Name}");
        await page.Locator("[data-action=record-meeting]").ClickAsync();
        await Assertions.Expect(page.Locator(".rz-notification")).ToContainTextAsync("thời gian bắt đầu");
        await Assertions.Expect(page.Locator("[name=hop-dia-diem]")).ToHaveValueAsync($"Hội trường Ủy ban nhân dân {commune.Name}");
        await page.Locator("[data-testid=meeting-form] button", new() { HasText = "Huỷ" }).ClickAsync();

        await UnitMeetings.RecordOnFormPageAsync(page, commune.Name, year);
        var minutes = panel.Locator("tr[data-document=bien-ban-hop-xet]");
        await Assertions.Expect(minutes).ToContainTextAsync("/BB-");
        var verify = await minutes.Locator("a", new() { HasText = "Kiểm tra" }).GetAttributeAsync("href");
        Assert.Matches("/verify/[A-Z2-7]{24}$", verify);
        await UiServer.ShotAsync(page, "20-van-ban-bien-ban");

        // The verify page opens without a login.
        var anonymous = await server.NewPageAsync();
        await anonymous.GotoAsync(verify!);
        await Assertions.Expect(anonymous.Locator("[data-status=current]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TemplatesPage_BrokenTemplate_ErrorsWithLineAndNothingSaved()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, "/mau-van-ban");
        var source = page.Locator("[data-testid=template-source]");
        await Assertions.Expect(source).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<!DOCTYPE html>"));
        var versionsBefore = await page.Locator("[data-testid=template-versions] tbody tr").CountAsync();

        await source.FillAsync("<p>Xin chào</p>\n<p>{{ unit.nam }}</p>");
        await page.Locator("[data-action=save-template]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=template-errors]")).ToContainTextAsync("Dòng 2");
        await Assertions.Expect(source).ToHaveValueAsync("<p>Xin chào</p>\n<p>{{ unit.nam }}</p>");
        Assert.Equal(versionsBefore, await page.Locator("[data-testid=template-versions] tbody tr").CountAsync());
        await UiServer.ShotAsync(page, "21-mau-van-ban-loi");
    }

    [Fact]
    public async Task ReviewPage_DraftDocument_ShownInASandboxedFrameFromThePreviewAddress()
    {
        var id = await SubmissionWaitingAtDistrictAsync();
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, District, $"/xet-duyet/{id}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Văn bản" }).ClickAsync();
        await page.Locator(".antq-actions button").Filter(new() { HasTextString = "Tờ trình" }).First.ClickAsync();

        var frame = page.Locator("iframe.antq-doc-frame");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/xem-truoc/[A-Za-z0-9_-]{40,}$"));
        await Assertions.Expect(frame).ToHaveAttributeAsync("sandbox", "");
        Assert.Null(await frame.GetAttributeAsync("srcdoc"));
        await Assertions.Expect(page.FrameLocator("iframe.antq-doc-frame").Locator("body")).ToContainTextAsync("TỜ TRÌNH");
    }

    [Fact]
    public async Task TemplatesPage_Preview_ShownInASandboxedFrameFromThePreviewAddress()
    {
        await SubmissionWaitingAtDistrictAsync(); // at least one submission to preview with
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, "/mau-van-ban");
        await Assertions.Expect(page.Locator("[data-testid=template-source]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<!DOCTYPE html>"));
        await page.Locator(".rz-dropdown:has(input[name='ho-so-xem-truoc'])").ClickAsync();
        await page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item").First.ClickAsync();
        await page.Locator("[data-action=preview]").ClickAsync();

        var frame = page.Locator("iframe[data-testid=template-preview]");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/xem-truoc/[A-Za-z0-9_-]{40,}$"));
        await Assertions.Expect(frame).ToHaveAttributeAsync("sandbox", "");
        Assert.Null(await frame.GetAttributeAsync("srcdoc"));
        await Assertions.Expect(page.FrameLocator("iframe[data-testid=template-preview]").Locator("body")).Not.ToBeEmptyAsync();
    }

    private async Task<Guid> SubmissionWaitingAtDistrictAsync()
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        return await db.Submissions.Where(s => s.PackId == "qd9745.xa" && s.Status == "submitted" && s.Unit!.Code == "26017")
            .Select(s => s.Id).FirstAsync();
    }
}
