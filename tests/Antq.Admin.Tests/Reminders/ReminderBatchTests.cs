using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Reminders;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// The planner writes its reminders in batches (<see cref="ReminderBatch"/>). With a commune that has more accounts
/// than a batch holds, two planners at the same moment and a third instance that sends one reminder of a batch under
/// the planner's feet, every account is still told exactly once per deadline and moment: the refused batch falls back
/// to one insert per reminder, so nothing is lost and nothing is sent twice.
/// </summary>
public sealed class ReminderBatchTests(ReminderHost host) : IClassFixture<ReminderHost>
{
    private const int ExtraAccounts = 2 * ReminderBatch.MaxNotifications + 50;

    [Fact]
    public async Task BatchedPlanner_ManyRecipients_ConcurrentRunsAndARival_TellEachAccountOnce()
    {
        var world = await host.WorldAsync();
        var extra = await AddUnitAccountsAsync(world.CommuneA1, ExtraAccounts);
        var accounts = extra.Append(await UserIdAsync("xa-a1@test.vn")).ToList();
        host.Mail.TakeAll();

        // 17/03/2026: two weeks before the Q1 registration deadline; nobody has registered. Two planners at once, and the rival.
        host.NotBefore(ReminderHost.At(2026, 3, 17, 0, 15));
        host.Rival.Arm(host.Factory.Services);
        var runs = await Task.WhenAll(Task.Run(host.RunPlannerAsync), Task.Run(host.RunPlannerAsync));
        Assert.NotNull(host.Rival.Took);
        await AssertEachAccountToldOnceAsync(runs, accounts, world.CommuneA1);
        // What the Hangfire dashboard shows of a run (the job's result).
        Assert.Contains($"gửi {runs[0].Notifications.Count.ToString("N0", MessageTemplates.Vietnamese)} thông báo", runs[0].Summary(), StringComparison.Ordinal);

        // 24/03/2026, the 7-day reminder: one planner and the rival, so the refused batch can only be made good by its fallback.
        host.NotBefore(ReminderHost.At(2026, 3, 24, 0, 15));
        host.Rival.Arm(host.Factory.Services);
        var single = await host.RunPlannerAsync();
        Assert.NotNull(host.Rival.Took);
        Assert.Equal(1, single.AlreadySent);
        await AssertEachAccountToldOnceAsync([single], accounts, world.CommuneA1);

        // A later run finds everything sent.
        Assert.Empty((await host.RunPlannerAsync()).Notifications);
        Assert.Empty(host.Mail.TakeAll());
    }

    /// <summary>
    /// The notifications of this moment: none twice for an account, deadline and moment; the runs claim exactly what they
    /// wrote (the rival wrote one more), their e-mails queued once; every account of the commune got the commune's
    /// reminders — the same as its first account, more of each than one batch holds — each with its dispatch row.
    /// </summary>
    private async Task AssertEachAccountToldOnceAsync(PlannerRun[] runs, List<string> accounts, Unit commune)
    {
        var at = host.Clock.GetUtcNow();
        var written = await NotificationsAtAsync(at);
        Assert.DoesNotContain(written.GroupBy(n => (n.RecipientId, n.PackId, n.DeadlineId, n.Year, n.Occasion)), g => g.Count() > 1);
        Assert.Equal(written.Count - 1, runs.Sum(r => r.Notifications.Count));
        Assert.True(runs.Sum(r => r.AlreadySent) >= 1);
        Assert.Equal(written.Where(n => n.EmailTo is not null).Select(n => n.Id).Order(), host.Mail.TakeAll().Order());

        var expected = Deadlines(written, accounts[^1]);
        Assert.NotEmpty(expected);
        foreach (var id in accounts) Assert.Equal(expected, Deadlines(written, id));
        Assert.All(expected, d => Assert.True(written.Count(n => $"{n.PackId}/{n.DeadlineId}/{n.Occasion}" == d) > ReminderBatch.MaxNotifications));
        var dispatches = (await WithDbAsync(db => db.ReminderDispatches.AsNoTracking().Where(d => d.UnitId == commune.Id).ToListAsync())).Where(d => d.SentAt == at).ToList();
        foreach (var id in accounts)
            Assert.Equal(expected.Count, dispatches.Count(d => d.RecipientId == id && expected.Contains($"{d.PackId}/{d.DeadlineId}/{d.Occasion}")));
    }

    private static List<string> Deadlines(List<Notification> written, string recipientId) =>
        written.Where(n => n.RecipientId == recipientId && n.Kind == NotificationKinds.Reminder)
            .Select(n => $"{n.PackId}/{n.DeadlineId}/{n.Occasion}").Order(StringComparer.Ordinal).ToList();

    private Task<List<Notification>> NotificationsAtAsync(DateTimeOffset at) =>
        WithDbAsync(async db => (await db.Notifications.AsNoTracking().Where(n => n.PackId != null).ToListAsync()).Where(n => n.CreatedAt == at).ToList());

    private Task<string> UserIdAsync(string email) =>
        WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Unit accounts of <paramref name="unit"/> written directly (no password: they never sign in here).</summary>
    private Task<List<string>> AddUnitAccountsAsync(Unit unit, int count) =>
        WithDbAsync(async db =>
        {
            var role = await db.Roles.Where(r => r.Name == Roles.UnitUser).Select(r => r.Id).SingleAsync();
            var ids = new List<string>();
            for (var i = 1; i <= count; i++)
            {
                var email = $"xa-a1-{i:000}@test.vn";
                var user = new AppUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, DisplayName = $"Cán bộ {i}", UnitId = unit.Id, SecurityStamp = Guid.NewGuid().ToString("N"),
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role });
                ids.Add(user.Id);
            }
            await db.SaveChangesAsync();
            return ids;
        });

    private async Task<T> WithDbAsync<T>(Func<AntqDbContext, Task<T>> query)
    {
        using var scope = host.Factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AntqDbContext>());
    }
}
