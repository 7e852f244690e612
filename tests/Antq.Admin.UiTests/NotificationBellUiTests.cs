using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// A returned dossier reaches the unit's bell: a commune of its own (beside the demo's communes, with
/// its own unit and reviewer accounts) submits through the API, its reviewer returns the dossier, and
/// the commune's header shows the unread count; the message in the inbox, its kind in words, opens the dossier.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class NotificationBellUiTests(UiServer server)
{
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task ReturnedDossier_BellShowsCount_MessageOpensTheDossier(int width, int height)
    {
        var (unitEmail, reviewerEmail, unitId) = await CommuneWithAccountsAsync(width);
        var commune = await server.ApiClientAsync(unitEmail);
        var reviewer = await server.ApiClientAsync(reviewerEmail);
        var id = Guid.NewGuid();
        var data = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Pack("tt124.xa"), "tests", "01-dat-tat-ca.json"))).RootElement.GetProperty("data");
        Assert.Equal(HttpStatusCode.Created, (await commune.PutAsJsonAsync($"/api/submissions/{id}", new { unitId, packId = "tt124.xa", year = 2026, data })).StatusCode);
        await OwnMeetings.HoldAsync(commune, id);
        Assert.Equal(HttpStatusCode.OK, (await commune.PostAsJsonAsync($"/api/submissions/{id}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/submissions/{id}/return", new { reason = "Thiếu biên bản họp đánh giá của xã" })).StatusCode);
        var unread = (await commune.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt32();
        Assert.True(unread >= 1);

        var page = await server.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await server.LoginAsync(page, unitEmail, "/");
        await Assertions.Expect(page.Locator("[data-testid=unread-count]")).ToHaveTextAsync(unread.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("[data-testid=notification-badge]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/thong-bao", StringComparison.Ordinal));
        var note = page.Locator("[data-notification]", new PageLocatorOptions { HasText = "bị trả lại" });
        await Assertions.Expect(note.Locator("[data-testid=notification-kind]")).ToHaveTextAsync("Hồ sơ bị trả lại");
        await Assertions.Expect(note).ToContainTextAsync("Lý do: Thiếu biên bản họp đánh giá của xã");
        if (width == 1366) await UiServer.ShotAsync(page, "60-thong-bao-tra-lai");
        await note.Locator("[data-testid=notification-link]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/ho-so/{id}", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    /// <summary>A new commune beside a demo commune of the tt124.xa kind, a unit account for it and a reviewer account at the level above.</summary>
    private async Task<(string Unit, string Reviewer, int UnitId)> CommuneWithAccountsAsync(int width)
    {
        var commune = await UiCommunes.CreateAsync(server, $"UI-TB-{width}", $"Xã Thử Thông Báo {width}");
        return (commune.UnitEmail, commune.ReviewerEmail, commune.UnitId);
    }
}
