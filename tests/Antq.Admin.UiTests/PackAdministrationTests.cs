using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Antq.Admin.Components;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Antq.Admin.UiTests.FormPage;

namespace Antq.Admin.UiTests;

/// <summary>Pack administration in the browser: upload by drop zone, diff, impact, activate, roll back; refusals; read-only reviewers.</summary>
[Collection(UiCollection.Name)]
public sealed class PackAdministrationTests(UiServer server)
{
    private const string Admin = "admin@dongnai.demo";
    private const string Reviewer = "tranbien.bcd@dongnai.demo";
    // Not the studio test's commune: each starts this year's qd9745.xa dossier on the shared server.
    private const string Commune = "tranbien@dongnai.demo";
    private const string Pack = CommunePackRevision.Id;

    private static ILocator PackRow(IPage page) => page.Locator($"[data-testid=pack-list] tr[data-pack='{Pack}']");

    private static ILocator VersionRow(IPage page, string version) => page.Locator($"[data-testid=pack-versions] tr[data-version='{version}']");

    private static Task DropAsync(IPage page, string name, byte[] zip) =>
        BlazorInputFile.SetAsync(page.Locator("[data-testid=pack-dropzone] input[type=file]"), new FilePayload { Name = name, MimeType = "application/zip", Buffer = zip });

    private static async Task ConfirmAsync(IPage page, string expected)
    {
        var dialog = page.Locator(".rz-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync(expected);
        await page.Locator(".rz-dialog-confirm-buttons button").First.ClickAsync();
    }

    [Fact]
    public async Task Administrator_UploadsRevisedCommunePack_SeesDiffAndImpact_Activates_CommuneFormChangesWithoutRestart()
    {
        // A patch number: the studio test publishes the next minor on the same server.
        var version = CommunePackRevision.Patch;
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, "/goi-tieu-chi");
        await Assertions.Expect(PackRow(page).Locator("[data-testid=active-version]")).ToHaveTextAsync(CommunePackRevision.ShippedVersion);
        await UiServer.ShotAsync(page, "30-goi-tieu-chi-danh-sach");

        try
        {
            // Dropped into the zone: verified in full, stored inactive, and the page moves to the new version.
            await DropAsync(page, $"{Pack}-{version}.zip", CommunePackRevision.Accepted(version));
            await page.WaitForURLAsync(url => url.Contains($"/goi-tieu-chi/{Pack}?phien-ban={version}", StringComparison.Ordinal));
            await Assertions.Expect(VersionRow(page, version)).ToHaveAttributeAsync("data-status", "never");
            await Assertions.Expect(VersionRow(page, version)).ToContainTextAsync("Chưa kích hoạt");
            await Assertions.Expect(VersionRow(page, CommunePackRevision.ShippedVersion)).ToHaveAttributeAsync("data-status", "active");
            await Assertions.Expect(page.Locator("[data-testid=pack-active-version]")).ToHaveTextAsync(CommunePackRevision.ShippedVersion);

            // The readable diff against the active version, grouped by area.
            var diff = page.Locator("[data-testid=pack-diff]");
            await Assertions.Expect(diff.Locator("[data-area=manifest] li[data-key='pack#version']")).ToContainTextAsync($"“{CommunePackRevision.ShippedVersion}” → “{version}”");
            var field = diff.Locator($"[data-area=form] li[data-key='{CommunePackRevision.NewField}']");
            await Assertions.Expect(field).ToHaveAttributeAsync("data-kind", "added");
            await Assertions.Expect(field).ToContainTextAsync(CommunePackRevision.NewFieldTitle);
            await Assertions.Expect(diff.Locator($"li[data-key='{CommunePackRevision.RelabelledField}#title']")).ToContainTextAsync(CommunePackRevision.NewLabel);
            var criterion = diff.Locator($"[data-area=criteria] li[data-key='{CommunePackRevision.NewCriterion}']");
            await Assertions.Expect(criterion).ToHaveAttributeAsync("data-kind", "added");
            await Assertions.Expect(criterion).ToContainTextAsync("form.tc01.so_hoi_nghi >= 1");

            // The impact table: stored submissions lack the new field, so "đạt" becomes "cần bổ sung".
            var impact = page.Locator("[data-testid=impact-table]");
            var tamHiep = impact.Locator("tbody tr", new() { HasText = "Phường Tam Hiệp" });
            // Computed in the background (the shared server evaluates 2 dossiers inline at most): a Hangfire job, polled by the page.
            await Assertions.Expect(tamHiep).ToContainTextAsync("Đạt các tiêu chí", new() { Timeout = 60_000 });
            await Assertions.Expect(tamHiep).ToContainTextAsync("Cần bổ sung thông tin");
            await Assertions.Expect(tamHiep.Locator($"li[data-criterion='{CommunePackRevision.NewCriterion}']")).ToContainTextAsync("(không có) → Chưa đánh giá được");
            await Assertions.Expect(page.Locator("[data-testid=impact-summary]")).ToContainTextAsync("hồ sơ thay đổi");
            await UiServer.ShotAsync(page, "31-goi-tieu-chi-khac-biet");
            await page.Locator("[data-testid=impact-panel]").ScrollIntoViewIfNeededAsync();
            await UiServer.ShotAsync(page, "32-goi-tieu-chi-tac-dong", fullPage: false);

            // Activate, with a confirmation, and a notification says what happened.
            await page.Locator("[data-action=activate-candidate]").ClickAsync();
            await Assertions.Expect(page.Locator(".rz-dialog")).ToContainTextAsync($"Kích hoạt phiên bản {version} thay cho phiên bản {CommunePackRevision.ShippedVersion}");
            await UiServer.ShotAsync(page, "33-goi-tieu-chi-xac-nhan-kich-hoat", fullPage: false);
            await ConfirmAsync(page, "không cần khởi động lại");
            await Assertions.Expect(page.GetByText($"Đã kích hoạt phiên bản {version} của gói {Pack} (trước đó: {CommunePackRevision.ShippedVersion}).")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=pack-active-version]")).ToHaveTextAsync(version);
            await Assertions.Expect(VersionRow(page, CommunePackRevision.ShippedVersion)).ToHaveAttributeAsync("data-status", "previous");

            // A commune, in its own browser, gets the new form at once: no restart, no cache.
            var commune = await server.NewPageAsync();
            await server.LoginAsync(commune, Commune, "/ho-so");
            var start = commune.Locator($"[data-testid=start-panel] tr[data-pack='{Pack}']");
            await Assertions.Expect(start).ToContainTextAsync(version);
            await start.Locator("[data-action=start]").ClickAsync();
            await Assertions.Expect(Field(commune, CommunePackRevision.NewField)).ToContainTextAsync(CommunePackRevision.NewFieldTitle);
            await Assertions.Expect(Field(commune, CommunePackRevision.RelabelledField)).ToContainTextAsync(CommunePackRevision.NewLabel);
            await Assertions.Expect(Criterion(commune, CommunePackRevision.NewCriterion)).ToBeVisibleAsync();
            await Field(commune, CommunePackRevision.NewField).ScrollIntoViewIfNeededAsync();
            await UiServer.ShotAsync(commune, "34-bieu-mau-sau-kich-hoat", fullPage: false);
            await commune.Context.CloseAsync();

            // Roll back from the versions table: the older version is active again.
            await VersionRow(page, CommunePackRevision.ShippedVersion).Locator("[data-action=activate]").ClickAsync();
            await ConfirmAsync(page, $"Quay lại phiên bản {CommunePackRevision.ShippedVersion} thay cho phiên bản {version}");
            await Assertions.Expect(page.GetByText($"Đã quay lại phiên bản {CommunePackRevision.ShippedVersion} của gói {Pack} (trước đó: {version}).")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=pack-active-version]")).ToHaveTextAsync(CommunePackRevision.ShippedVersion);
            // The commune's draft, started on the new version, moves back after the answer: the page follows the run to its result.
            var moving = page.Locator("[data-testid=move-progress]");
            await Assertions.Expect(moving).ToContainTextAsync($"sang phiên bản {CommunePackRevision.ShippedVersion}");
            await Assertions.Expect(moving).ToHaveAttributeAsync("data-status", "done", new() { Timeout = 60_000 }); // a Hangfire job on this server
            await Assertions.Expect(moving).ToContainTextAsync("Đã chuyển");
            await Assertions.Expect(moving).ToContainTextAsync("các đơn vị đã được thông báo");
        }
        finally
        {
            // The browser tests share one server: whatever happened above, the shipped version is active again.
            await ActivateAsAdminAsync(CommunePackRevision.ShippedVersion);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task RefusedUpload_ListsEveryErrorInATable_AndStoresNothing()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Admin, "/goi-tieu-chi");
        var versionsBefore = await PackRow(page).Locator("td[data-label='Số phiên bản']").InnerTextAsync();

        await DropAsync(page, "qd9745.xa-loi.zip", CommunePackRevision.Broken("9.9.0"));

        var refused = page.Locator("[data-testid=upload-refused]");
        await Assertions.Expect(refused).ToContainTextAsync("Gói “qd9745.xa-loi.zip” bị từ chối: 2 lỗi");
        var rows = refused.Locator("[data-testid=upload-errors] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var unbalanced = rows.Filter(new() { HasText = "rules.json#/0/Rules/5/Expression" });
        await Assertions.Expect(unbalanced).ToContainTextAsync("Ngoặc trong biểu thức không cân đối");
        await Assertions.Expect(unbalanced).ToContainTextAsync("expression.refused");
        var unknownField = rows.Filter(new() { HasText = "rules.json#/0/Rules/6/Expression" });
        await Assertions.Expect(unknownField).ToContainTextAsync("khong_ton_tai");
        await UiServer.ShotAsync(page, "35-goi-tieu-chi-bi-tu-choi");

        // Nothing was stored: a fresh visit shows the same versions.
        await page.ReloadAsync();
        await Assertions.Expect(PackRow(page).Locator("td[data-label='Số phiên bản']")).ToHaveTextAsync(versionsBefore);
        await page.GotoAsync($"{server.BaseUrl}/goi-tieu-chi/{Pack}");
        await page.Locator("[data-testid=pack-versions]").WaitForAsync();
        await Assertions.Expect(VersionRow(page, "9.9.0")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Reviewer_SeesPacksReadOnly_AndTheServiceRefusesTheirUpload()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, Reviewer, "/goi-tieu-chi");
        await PackRow(page).WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=pack-dropzone]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=read-only-note]")).ToBeVisibleAsync();
        await PackRow(page).Locator("a").ClickAsync();
        await page.Locator("[data-testid=pack-versions]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-action=activate]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=compare-panel]")).ToHaveCountAsync(0);
        await UiServer.ShotAsync(page, "36-goi-tieu-chi-chi-xem");
        await page.Context.CloseAsync();

        // What the UI hides, the services refuse: the UI's upload path and the API.
        var zip = CommunePackRevision.Accepted("1.9.0");
        using (var scope = server.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(Reviewer);
            scope.ServiceProvider.GetRequiredService<PrincipalHolder>().Principal =
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user!.Id),
                    new Claim(CurrentAccount.SecurityStampClaimType, user.SecurityStamp!)], "test"));
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => scope.ServiceProvider.GetRequiredService<PackAdministration>()
                .UploadAsync("goi.zip", () => new MemoryStream(zip), CancellationToken.None));
            Assert.Equal((int)HttpStatusCode.Forbidden, denied.StatusCode);
        }
        using var http = await server.ApiClientAsync(Reviewer);
        var upload = await http.PostZipAsync("/api/packs", zip);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        var versions = await http.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions");
        Assert.DoesNotContain(versions.EnumerateArray(), v => v.GetProperty("version").GetString() == "1.9.0");
    }

    private async Task ActivateAsAdminAsync(string version)
    {
        using var http = await server.ApiClientAsync(Admin);
        var response = await http.PostAsync($"/api/packs/{Pack}/versions/{version}/activate", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

}
