using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// An agency's own assessment meeting in the browser (TT124 Điều 9 khoản 1 điểm c): the form offers the attendees the law
/// names for an agency — the managing authority among them and required, no Mặt trận — and the minutes are its document.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class OrganisationMeetingUiTests(UiServer server)
{
    private const string Pack = "tt124.co-quan-doanh-nghiep";

    [Fact]
    public async Task FormPage_AgencyMeeting_OffersItsKindsRoles_MinutesListed()
    {
        var suffix = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var agency = await UiCommunes.CreateOrganisationAsync(server, $"UI-CQ-{suffix}", $"Chi cục Thống kê khu vực {suffix}", "co-quan");
        var id = Guid.NewGuid();
        var year = Antq.FormEngine.Deadlines.VietnamTime.YearOf(DateTimeOffset.UtcNow);
        var data = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Pack(Pack), "tests", "01-dat-tat-ca.json"))).RootElement.GetProperty("data");
        var api = await server.ApiClientAsync(agency.UnitEmail);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsJsonAsync($"/api/submissions/{id}", new { unitId = agency.UnitId, packId = Pack, year, data })).StatusCode);

        var page = await server.NewPageAsync();
        await server.LoginAsync(page, agency.UnitEmail, $"/ho-so/{id}");
        var panel = page.Locator("[data-testid=issued-documents]");
        await panel.Locator("[data-action=open-meeting]").ClickAsync();
        var form = page.Locator("[data-testid=meeting-form]");
        await Assertions.Expect(form.Locator("[data-field=hop-vai-tro-co-quan-quan-ly] label")).ToContainTextAsync("Đại diện cơ quan có thẩm quyền quản lý *");
        await Assertions.Expect(form.Locator("[data-field=hop-vai-tro-bao-ve] label")).ToContainTextAsync("Đại diện lực lượng bảo vệ");
        await Assertions.Expect(form.Locator("[data-field=hop-vai-tro-mat-tran]")).ToHaveCountAsync(0);
        await Assertions.Expect(form).ToContainTextAsync("phải có đại diện Công an cơ sở và đại diện cơ quan có thẩm quyền quản lý");
        await UiServer.ShotAsync(page, "30-hop-danh-gia-co-quan");
        await form.Locator("button", new() { HasText = "Huỷ" }).ClickAsync();

        await UnitMeetings.RecordOnFormPageAsync(page, agency.Name, year);
        var minutes = panel.Locator("tr[data-document=bien-ban-hop-xet]");
        await Assertions.Expect(minutes).ToContainTextAsync("/BB");
        var documents = await api.GetFromJsonAsync<JsonElement>($"/api/submissions/{id}/documents");
        var attendees = Assert.Single(documents.GetProperty("meetings").EnumerateArray()).GetProperty("attendees").EnumerateArray().Select(a => a.GetProperty("role").GetString()).ToList();
        Assert.Contains("co-quan-quan-ly", attendees);
        Assert.DoesNotContain("mat-tran", attendees);
    }
}
