using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Antq.Admin.UiTests.FormPage;

namespace Antq.Admin.UiTests;

/// <summary>
/// A commune whose khu dân cư are in the system sees their counts as the system's, read-only, with the
/// units behind each number (the demo's Phường Trấn Biên: 9 khu phố, 7 recognised).
/// </summary>
[Collection(UiCollection.Name)]
public sealed class SystemFactsUiTests(UiServer server)
{
    [Fact]
    public async Task CommuneWithResidentialAreas_SeesTheSystemsCountsReadOnly_WithTheUnitsBehind()
    {
        Guid id;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
            id = await db.Submissions.Where(s => s.PackId == "tt124.xa" && s.Status == "draft" && s.Unit!.Code == "26041").Select(s => s.Id).SingleAsync();
        }
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, "tranbien@dongnai.demo", $"/ho-so/{id}");

        var panel = page.Locator("[data-testid=system-facts]");
        await Assertions.Expect(panel).ToContainTextAsync("7/9 khu dân cư đã được công nhận");
        var recognised = panel.Locator("[data-fact='children.khu-dan-cu.recognised']");
        await recognised.Locator("summary").ClickAsync();
        await Assertions.Expect(recognised.Locator("details li")).ToHaveCountAsync(7);

        // The form's field shows the system's number and offers no input for it.
        var field = Field(page, "/tc04/khu_dan_cu/so_duoc_cong_nhan");
        await Assertions.Expect(field.Locator("[data-testid=system-value]")).ToContainTextAsync("Theo dữ liệu hệ thống");
        Assert.Equal(0, await field.Locator("input").CountAsync());
        await UiServer.ShotAsync(page, "16-so-lieu-he-thong", fullPage: false);
    }
}
