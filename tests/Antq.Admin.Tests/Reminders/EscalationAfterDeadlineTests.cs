using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// The demo's "0 notifications although 512 deadlines were overdue": a server whose planner first runs
/// weeks after the deadlines (here 07/12/2026; the Q1 registrations were due before 31/03/2026) must
/// still tell the level that should act about each late unit — the district for its communes, the
/// province for a commune directly under it (the two-level structure of 2025) — and only once.
/// </summary>
public sealed class EscalationAfterDeadlineTests(ReminderHost host) : IClassFixture<ReminderHost>
{
    [Fact]
    public async Task ServerStartedAfterTheDeadline_EscalatesToTheNextLevelOfTheRoute_Once()
    {
        var world = await host.WorldAsync();
        await AddCommuneUnderProvinceAsync(world.Province);
        host.NotBefore(ReminderHost.At(2026, 12, 7, 0, 15));

        var first = await host.RunPlannerAsync();
        Assert.NotEmpty(first.Notifications);

        var province = await EscalationsAsync("tinh@test.vn");
        Assert.Equal("Xã Phước Tân", Assert.Single(province, n => n.Deadline == "tt124.xa/quy-i").Units);
        var district = await EscalationsAsync("huyen-a@test.vn");
        Assert.Equal("Phường Tân Biên, Phường Tân Phong", Assert.Single(district, n => n.Deadline == "tt124.xa/quy-i").Units);
        Assert.DoesNotContain(province, n => n.Units.Contains("Phường", StringComparison.Ordinal)); // each unit goes to its own next level
        Assert.Empty(await EscalationsAsync("xa-a1@test.vn"));

        // A second run, and one the next day, send nothing again.
        Assert.Empty((await host.RunPlannerAsync()).Notifications);
        host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty((await host.RunPlannerAsync()).Notifications);
        Assert.Equal(province.Count, (await EscalationsAsync("tinh@test.vn")).Count);
        host.Mail.TakeAll();
    }

    private async Task<List<(string Deadline, string Units)>> EscalationsAsync(string email) =>
        (await host.InboxAsync(email))
            .Where(n => n.GetProperty("kind").GetString() == "escalation")
            .Select(n => ($"{n.GetProperty("packId").GetString()}/{n.GetProperty("deadlineId").GetString()}",
                string.Join(", ", n.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString()).Order(StringComparer.Ordinal))))
            .ToList();

    private async Task AddCommuneUnderProvinceAsync(Unit province)
    {
        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        var unit = new Unit { Code = "26041", Name = "Xã Phước Tân", KindId = "xa", LevelId = "commune", ParentId = province.Id, Depth = province.Depth + 1 };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = $"{province.Path}{unit.Id}/";
        await db.SaveChangesAsync();
    }
}
