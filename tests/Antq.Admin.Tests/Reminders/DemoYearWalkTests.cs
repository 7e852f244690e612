using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Features.Units;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Antq.Admin.Tests.Reminders;

/// <summary>The demo server (ANTQ_SEED_DEMO) on a fake clock that starts on 01/01/2026: the demo is seeded for that year.</summary>
public sealed class DemoReminderHost : IDisposable
{
    public const int Year = 2026;

    public AntqApiFactory Base { get; } = new();
    public FakeTimeProvider Clock { get; } = new(ReminderHost.At(Year, 1, 1, 0, 15));
    public WebApplicationFactory<Program> Factory { get; }

    public DemoReminderHost() => Factory = Base.WithWebHostBuilder(b =>
    {
        b.UseSetting("ANTQ_SEED_DEMO", "true");
        b.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IReminderMailQueue>(new RecordingMailQueue());
        });
    });

    public async Task<PlannerRun> RunPlannerAsync()
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().RunAsync();
    }

    public void Dispose()
    {
        Factory.Dispose();
        Base.Dispose();
    }
}

/// <summary>
/// The reminder planner walked through a whole year of the two-level demo (planner at 00:15 every day, the
/// demo's dossiers as seeded): reminders and escalations go only to units of that year's structure — the
/// city, its communes and their organisations, never a former district — and a commune that has not
/// registered is escalated to the city's steering committee, a khu dân cư to its phường's.
/// </summary>
public sealed class DemoYearWalkTests(DemoReminderHost host) : IClassFixture<DemoReminderHost>
{
    [Fact]
    public async Task YearWalk_TwoLevelDemo_MessagesOnlyToUnitsOfTheYear_CommunesEscalatedToTheCity()
    {
        var runs = new List<PlannerRun>();
        for (var day = new DateOnly(DemoReminderHost.Year, 1, 1); day.Year == DemoReminderHost.Year; day = day.AddDays(1))
        {
            host.Clock.SetUtcNow(ReminderHost.At(day.Year, day.Month, day.Day, 0, 15));
            runs.Add(await host.RunPlannerAsync());
        }

        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        var structure = await scope.ServiceProvider.GetRequiredService<UnitPeriods>().ForYearAsync(DemoReminderHost.Year);
        var accounts = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.Email, u.UnitId));
        var dispatches = await db.ReminderDispatches.AsNoTracking().Where(d => d.Year == DemoReminderHost.Year).ToListAsync();
        var notifications = await db.Notifications.AsNoTracking().ToListAsync();

        // Overdue deadlines were told to someone (an empty walk would pass everything below).
        Assert.Equal(notifications.Count, runs.Sum(r => r.Notifications.Count));
        Assert.NotEmpty(dispatches);
        Assert.Contains(notifications, n => n.Kind == NotificationKinds.Reminder);
        Assert.Contains(notifications, n => n.Kind == NotificationKinds.Escalation);

        // About and to units that exist in the year's structure, none of them a district.
        Assert.All(dispatches, d =>
        {
            var about = structure.Find(d.UnitId);
            var to = structure.Find(accounts[d.RecipientId].UnitId);
            Assert.NotNull(about);
            Assert.NotNull(to);
            Assert.NotEqual("district", about.LevelId);
            Assert.NotEqual("district", to.LevelId);
        });
        Assert.DoesNotContain(notifications, n => n.Body.Contains("Thành phố Biên Hòa", StringComparison.Ordinal) || n.Body.Contains("Huyện Trảng Bom", StringComparison.Ordinal));

        var root = structure.Units.Values.Single(u => u.ParentId is null);
        var daklua = structure.Units.Values.Single(u => u.Code == "26119");
        var tranBien = structure.Units.Values.Single(u => u.Code == "26041");

        // A commune without a tt124.xa dossier: reminded in March, then escalated on 01/04 to the city (its parent this year).
        var aboutDakLua = dispatches.Where(d => d.UnitId == daklua.Id && d.PackId == "tt124.xa" && d.DeadlineId == "quy-i").ToList();
        Assert.Equal(["daklua@dongnai.demo"], aboutDakLua.Where(d => d.Occasion != "escalation").Select(d => accounts[d.RecipientId].Email).Distinct());
        var escalated = aboutDakLua.Where(d => d.Occasion == "escalation").ToList();
        Assert.NotEmpty(escalated);
        Assert.All(escalated, d => Assert.Equal(root.Id, accounts[d.RecipientId].UnitId));
        Assert.Contains(escalated, d => accounts[d.RecipientId].Email == "tinh@dongnai.demo");
        Assert.Equal(ReminderHost.At(DemoReminderHost.Year, 4, 1, 0, 15), escalated.Min(d => d.SentAt));
        // Every escalation about a commune reaches the city.
        Assert.All(dispatches.Where(d => d.Occasion == "escalation" && structure.Find(d.UnitId)!.LevelId == "commune"),
            d => Assert.Equal(root.Id, accounts[d.RecipientId].UnitId));

        // A khu dân cư without a dossier (it has no account): escalated to its phường's steering committee.
        var lastArea = structure.Units.Values.Single(u => u.Code == $"{tranBien.Code}-KP09");
        Assert.Contains(dispatches, d => d.UnitId == lastArea.Id && d.PackId == "tt124.khu-dan-cu" && d.Occasion == "escalation"
            && accounts[d.RecipientId].Email == "tranbien.bcd@dongnai.demo");
        // Nothing about units that had already done what a deadline asks: the recognised khu dân cư are never named.
        var recognisedAreas = await db.Submissions.AsNoTracking()
            .Where(s => s.PackId == "tt124.khu-dan-cu" && s.Year == DemoReminderHost.Year && s.Status == SubmissionStatus.Recognised).Select(s => s.UnitId).ToListAsync();
        Assert.Equal(7, recognisedAreas.Count);
        Assert.DoesNotContain(dispatches, d => d.PackId == "tt124.khu-dan-cu" && recognisedAreas.Contains(d.UnitId));
    }
}
