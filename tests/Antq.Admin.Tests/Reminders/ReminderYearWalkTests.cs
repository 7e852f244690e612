using System.Text.Json;
using Antq.FormEngine.Deadlines;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// A fake clock walks from 01/12/2025 to 31/12/2026 on the test world (province → districts A, B →
/// communes A1, A2, B1 and a school under A), running the planner at 00:15 every day while the units
/// register, submit and get reviewed through the API on set days. The test asserts exactly which
/// reminders and escalations reached whom, on which day, about which units, for all five shipped
/// packs — so also that none went to units that had already done what a deadline asks.
/// </summary>
public sealed class ReminderYearWalkTests(ReminderHost host) : IClassFixture<ReminderHost>
{
    private const string A1 = "Phường Tân Phong";
    private const string A2 = "Phường Tân Biên";
    private const string B1 = "Xã Hố Nai 3";
    private const string School = "Trường THPT Ngô Quyền";

    [Fact]
    public async Task YearWalk_DemoProcedure_ExactlyTheExpectedRemindersAndEscalations()
    {
        var world = await host.WorldAsync();
        var ids = new Dictionary<string, Guid>();
        // What happens, at 10:00 on each day (the planner ran at 00:15 that day, before it).
        var script = new Dictionary<DateOnly, Func<Task>>
        {
            [new(2026, 1, 15)] = async () => ids["a2-tt124"] = await host.RegisterAsync("xa-a2@test.vn", world.CommuneA2, ReminderActions.SafetyPack, 2026),
            [new(2026, 2, 10)] = async () => ids["a1"] = await host.RegisterAsync("xa-a1@test.vn", world.CommuneA1, ReminderActions.CommunePack, 2026),
            [new(2026, 3, 10)] = async () => ids["school"] = await host.RegisterAsync("truong-a@test.vn", world.AgencyA, ReminderActions.SchoolPack, 2026),
            [new(2026, 3, 20)] = async () => ids["b1"] = await host.RegisterAsync("xa-b1@test.vn", world.CommuneB1, ReminderActions.CommunePack, 2026),
            [new(2026, 9, 10)] = () => host.SubmitAsync("xa-a1@test.vn", ids["a1"]),
            [new(2026, 10, 2)] = () => host.SubmitAsync("xa-b1@test.vn", ids["b1"]),
            [new(2026, 10, 5)] = async () =>
            {
                await host.ActAsync("huyen-a@test.vn", ids["a1"], "endorse");
                // Since 1/7/2025 the province recognises communes (qd9745.xa recognition rows): it endorses and decides the same day.
                await host.ActAsync("tinh@test.vn", ids["a1"], "endorse");
                await host.ActAsync("tinh@test.vn", ids["a1"], "recognise", new { decisionNumber = "15/QĐ-BCĐ", decisionDate = "2026-10-05" });
                await host.SubmitAsync("truong-a@test.vn", ids["school"]);
            },
            [new(2026, 10, 15)] = () => host.ActAsync("huyen-a@test.vn", ids["school"], "endorse"),
            [new(2026, 10, 20)] = () => host.SubmitAsync("xa-a2@test.vn", ids["a2-tt124"]),
        };

        for (var day = new DateOnly(2025, 12, 1); day <= new DateOnly(2026, 12, 31); day = day.AddDays(1))
        {
            host.Clock.SetUtcNow(ReminderHost.At(day.Year, day.Month, day.Day, 0, 15));
            await host.RunPlannerAsync();
            if (script.TryGetValue(day, out var act))
            {
                host.Clock.SetUtcNow(ReminderHost.At(day.Year, day.Month, day.Day, 10, 0));
                await act();
            }
        }

        var received = new List<string>();
        foreach (var (email, _, _) in world.Accounts())
            received.AddRange((await host.InboxAsync(email)).Where(IsDeadlineMessage).Select(n => Describe(email, n)));
        var expected = Expected().ToList();
        var missing = expected.Except(received).ToList();
        var extra = received.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Missing:\n{string.Join("\n", missing)}\nUnexpected:\n{string.Join("\n", extra)}");
        Assert.Equal(expected.Count, received.Count); // and none twice
        Assert.DoesNotContain(received, r => r.StartsWith("xa-a1@test.vn | qd9745.xa/xa-gui-ho-so", StringComparison.Ordinal));
        Assert.DoesNotContain(received, r => r.StartsWith("admin@test.vn", StringComparison.Ordinal));
    }

    /// <summary>Reminders and escalations (the steps' own notifications are StepNotificationTests').</summary>
    private static bool IsDeadlineMessage(JsonElement n) => n.GetProperty("kind").GetString() is "reminder" or "escalation";

    /// <summary>"recipient | pack/deadline | P14D or escalation | day | units".</summary>
    private static string Describe(string email, JsonElement n)
    {
        var day = TimeZoneInfo.ConvertTime(n.GetProperty("createdAt").GetDateTimeOffset(), VietnamTime.Zone);
        var units = string.Join(", ", n.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString()));
        return $"{email} | {n.GetProperty("packId").GetString()}/{n.GetProperty("deadlineId").GetString()} | {n.GetProperty("occasion").GetString()} | {day:yyyy-MM-dd} | {units}";
    }

    private static IEnumerable<string> Expected()
    {
        static string Row(string email, string deadline, string occasion, string day, string units) => $"{email} | {deadline} | {occasion} | 2026-{day} | {units}";
        static IEnumerable<string> Reminders(string email, string deadline, string units, params (string Occasion, string Day)[] moments) =>
            moments.Select(m => Row(email, deadline, m.Occasion, m.Day, units));
        (string, string)[] march = [("P14D", "03-17"), ("P7D", "03-24"), ("P1D", "03-30")];

        // The planner first runs on 01/12/2025, after the 2025 Q1 registrations were due: the units that never registered
        // for 2025 are escalated to their districts then, once, as a server started after a deadline must (the demo's
        // "0 notifications although 512 deadlines were overdue").
        foreach (var (email, deadline, units) in new[]
                 {
                     ("huyen-a@test.vn", "tt124.xa/quy-i", $"{A2}, {A1}"), ("huyen-a@test.vn", "qd9745.xa/dang-ky", $"{A2}, {A1}"),
                     ("huyen-a@test.vn", "tt124.co-so-giao-duc/quy-i", School), ("huyen-a@test.vn", "qd9745.co-quan-doanh-nghiep-giao-duc/dang-ky", School),
                     ("huyen-b@test.vn", "tt124.xa/quy-i", B1), ("huyen-b@test.vn", "qd9745.xa/dang-ky", B1),
                 })
            yield return $"{email} | {deadline} | escalation | 2025-12-01 | {units}";

        // qd9745.xa: registration in Q1 (A1 on 10/02, B1 on 20/03, A2 never).
        foreach (var row in Reminders("xa-a2@test.vn", "qd9745.xa/dang-ky", A2, march)) yield return row;
        yield return Row("xa-b1@test.vn", "qd9745.xa/dang-ky", "P14D", "03-17", B1);
        yield return Row("huyen-a@test.vn", "qd9745.xa/dang-ky", "escalation", "04-01", A2);
        // Sending by 30/09: A1 sent on 10/09 (nothing), B1 only on 02/10; A2 never registered (not concerned).
        foreach (var row in Reminders("xa-b1@test.vn", "qd9745.xa/xa-gui-ho-so", B1, ("P14D", "09-16"), ("P7D", "09-23"), ("P1D", "09-29"))) yield return row;
        yield return Row("huyen-b@test.vn", "qd9745.xa/xa-gui-ho-so", "escalation", "10-01", B1);
        // District recognition by 15/10: A1 waits at district A until recognised on 05/10; B1 is still a draft on 01/10, then waits at B.
        yield return Row("huyen-a@test.vn", "qd9745.xa/huyen-cong-nhan", "P14D", "10-01", A1);
        yield return Row("xa-b1@test.vn", "qd9745.xa/huyen-cong-nhan", "P14D", "10-01", B1);
        foreach (var row in Reminders("huyen-b@test.vn", "qd9745.xa/huyen-cong-nhan", B1, ("P7D", "10-08"), ("P1D", "10-14"))) yield return row;
        yield return Row("tinh@test.vn", "qd9745.xa/huyen-cong-nhan", "escalation", "10-16", B1);
        foreach (var row in Reminders("huyen-b@test.vn", "qd9745.xa/huyen-bao-cao-tinh", B1, ("P14D", "10-11"), ("P7D", "10-18"), ("P1D", "10-24"))) yield return row;
        yield return Row("tinh@test.vn", "qd9745.xa/huyen-bao-cao-tinh", "escalation", "10-26", B1);
        foreach (var row in Reminders("huyen-b@test.vn", "qd9745.xa/tinh-cong-nhan", B1, ("P14D", "10-22"), ("P7D", "10-29"), ("P1D", "11-04"))) yield return row;
        yield return Row("tinh@test.vn", "qd9745.xa/tinh-cong-nhan", "escalation", "11-06", B1);

        // tt124.xa: only A2 registered (15/01); it submitted on 20/10, after the 30-day reminder.
        foreach (var row in Reminders("xa-a1@test.vn", "tt124.xa/quy-i", A1, march)) yield return row;
        foreach (var row in Reminders("xa-b1@test.vn", "tt124.xa/quy-i", B1, march)) yield return row;
        yield return Row("huyen-a@test.vn", "tt124.xa/quy-i", "escalation", "04-01", A1);
        yield return Row("huyen-b@test.vn", "tt124.xa/quy-i", "escalation", "04-01", B1);
        yield return Row("xa-a2@test.vn", "tt124.xa/ky-danh-gia", "P30D", "10-16", A2);
        // Recognition by the district before 20/11 (TT124 Điều 9 k1 b, added with pack 2.0.0): A2 waits at district A from 20/10.
        foreach (var row in Reminders("huyen-a@test.vn", "tt124.xa/cong-nhan", A2, ("P7D", "11-13"), ("P1D", "11-19"))) yield return row;
        yield return Row("tinh@test.vn", "tt124.xa/cong-nhan", "escalation", "11-21", A2);

        // The school's Decision 9745 pack: registered 10/03; submitted 05/10, endorsed by district A on 15/10,
        // then waits at the province, which has no level above to escalate to.
        // KH 91's commune step (15/10, pack 1.1.0): the school, still a draft on 01/10, is reminded once; its chain has no commune.
        yield return Row("truong-a@test.vn", "qd9745.co-quan-doanh-nghiep-giao-duc/xa-bao-cao-huyen", "P14D", "10-01", School);
        yield return Row("huyen-a@test.vn", "qd9745.co-quan-doanh-nghiep-giao-duc/huyen-bao-cao-tinh", "P14D", "10-11", School);
        foreach (var row in Reminders("tinh@test.vn", "qd9745.co-quan-doanh-nghiep-giao-duc/tinh-cong-nhan", School, ("P14D", "10-22"), ("P7D", "10-29"), ("P1D", "11-04")))
            yield return row;

        // The school's Circular 124 pack (2.0.0) asks for registration in Q1 (Điều 7 k1, Điều 9 k2 a); the school never
        // registers, so it is reminded in March and the district told on 01/04; the later steps do not concern it.
        foreach (var row in Reminders("truong-a@test.vn", "tt124.co-so-giao-duc/quy-i", School, march)) yield return row;
        yield return Row("huyen-a@test.vn", "tt124.co-so-giao-duc/quy-i", "escalation", "04-01", School);
    }
}
