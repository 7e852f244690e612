using System.Text.Json;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// The planner's idempotency: a retried run, two runs at once (a retry racing the original, or two
/// instances) and a run killed between writing reminders and queueing their e-mails never tell anyone
/// twice. On 17, 24 and 30/03/2026 nobody in the test world has registered, so each run owes the
/// same eight reminders: the three communes and the school for two packs each (tt124.co-so-giao-duc 2.0.0 asks for Q1 registration).
/// </summary>
public sealed class ReminderRetryTests(ReminderHost host) : IClassFixture<ReminderHost>
{
    private const int RemindersPerMoment = 8;
    private static readonly string[] Accounts = ["xa-a1@test.vn", "xa-a2@test.vn", "xa-b1@test.vn", "truong-a@test.vn"];

    [Fact]
    public async Task Planner_RetriedConcurrentOrKilledRuns_NeverSendTwice()
    {
        await host.WorldAsync();
        // The server ran before: last year's overdue registrations were escalated to the districts then.
        host.Clock.SetUtcNow(ReminderHost.At(2026, 3, 1, 0, 15));
        Assert.NotEmpty((await host.RunPlannerAsync()).Notifications);
        host.Mail.TakeAll();

        // A retry at the same instant finds everything sent.
        host.Clock.SetUtcNow(ReminderHost.At(2026, 3, 17, 0, 15));
        Assert.Equal(RemindersPerMoment, (await host.RunPlannerAsync()).Notifications.Count);
        Assert.Empty((await host.RunPlannerAsync()).Notifications);
        Assert.Equal(RemindersPerMoment, host.Mail.TakeAll().Count);

        // Two runs at once: the unique key lets only one of them write each reminder.
        host.Clock.SetUtcNow(ReminderHost.At(2026, 3, 24, 0, 15));
        var runs = await Task.WhenAll(Task.Run(host.RunPlannerAsync), Task.Run(host.RunPlannerAsync));
        Assert.Equal(RemindersPerMoment, runs.Sum(r => r.Notifications.Count));
        Assert.Equal(RemindersPerMoment, host.Mail.TakeAll().Distinct().Count());

        // Killed right after writing the first batch of reminders (one deadline's), before queueing their e-mails; then restarted.
        host.Clock.SetUtcNow(ReminderHost.At(2026, 3, 30, 0, 15));
        host.Mail.CrashNext();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(host.RunPlannerAsync);
        var restarted = await host.RunPlannerAsync();
        var lost = RemindersPerMoment - restarted.Notifications.Count;
        Assert.InRange(lost, 1, RemindersPerMoment - 1);
        Assert.Equal(restarted.Notifications.Order(), host.Mail.TakeAll().Order());
        // The lost e-mails are queued once, by the first run after the grace period, and never again.
        host.Clock.SetUtcNow(ReminderHost.At(2026, 3, 30, 0, 30));
        var recovery = await host.RunPlannerAsync();
        Assert.Equal((0, lost), (recovery.Notifications.Count, recovery.EmailsRequeued));
        Assert.Equal(lost, host.Mail.TakeAll().Count);
        host.Clock.SetUtcNow(ReminderHost.At(2026, 3, 30, 0, 45));
        Assert.Equal(0, (await host.RunPlannerAsync()).EmailsRequeued);
        Assert.Empty(host.Mail.TakeAll());

        // Each account holds one message per deadline and moment: 2 packs × 3 moments for every account.
        foreach (var email in Accounts)
        {
            var inbox = await host.InboxAsync(email);
            var keys = inbox.Select(Key).ToList();
            Assert.Equal(keys.Distinct().Count(), keys.Count);
            Assert.Equal(6, keys.Count);
        }
    }

    private static string Key(JsonElement n) =>
        $"{n.GetProperty("packId").GetString()}/{n.GetProperty("deadlineId").GetString()}/{n.GetProperty("occasion").GetString()}";
}
