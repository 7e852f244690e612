using System.Globalization;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>Reads the dashboard as a person does: the drill-down table's row of a unit, one number per status column.</summary>
public static class DashboardPage
{
    public static readonly string[] Statuses = ["notStarted", "draft", "submitted", "returned", "approved", "recognised", "notRecognised"];

    public static ILocator Row(IPage page, string unitName) => page.Locator($"[data-testid=unit-board] tr[data-unit-name='{unitName}']");

    /// <summary>The counts of a unit's row by status id, as shown (vi-VN numbers).</summary>
    public static async Task<Dictionary<string, int>> CountsAsync(IPage page, string unitName)
    {
        var row = Row(page, unitName);
        await row.WaitForAsync();
        var counts = new Dictionary<string, int>();
        foreach (var status in Statuses)
        {
            var text = (await row.Locator($"td[data-status={status}]").InnerTextAsync()).Trim().Replace(".", "", StringComparison.Ordinal);
            counts[status] = int.Parse(text, CultureInfo.InvariantCulture);
        }
        return counts;
    }
}
