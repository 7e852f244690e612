using System.Net;
using System.Text.Json;
using Antq.Admin.Tests.Submissions;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// <c>GET /api/deadlines</c> on a clock stopped at 17/03/2026 10:00 (Vietnam time): concrete dates
/// from the active packs, each unit's status (done / pending / overdue), who must act, and the
/// caller's scope. Each test uses its own units or year, so the order of the tests does not matter.
/// </summary>
public sealed class DeadlinesApiTests : IClassFixture<ReminderHost>
{
    private readonly ReminderHost _host;

    public DeadlinesApiTests(ReminderHost host)
    {
        _host = host;
        host.NotBefore(ReminderHost.At(2026, 3, 17, 10, 0));
    }

    [Fact]
    public async Task Deadlines_UnitAccount_OwnUnitWithConcreteDatesAndStatus()
    {
        var world = await _host.WorldAsync();
        await _host.RegisterAsync("xa-a1@test.vn", world.CommuneA1, ReminderActions.CommunePack, 2026);
        var client = await _host.LoginAsync("xa-a1@test.vn");

        var calendar = await client.GetJsonAsync("/api/deadlines?year=2026");
        var deadlines = calendar.GetProperty("deadlines").EnumerateArray().ToList();
        Assert.All(deadlines.SelectMany(Units), u => Assert.Equal(world.CommuneA1.Id, u.GetProperty("unitId").GetInt32()));
        // Registered for Decision 9745 only: its later deadlines concern A1; Circular 124's evaluation does not.
        Assert.Equal(
            ["qd9745.xa/dang-ky", "tt124.xa/quy-i", "qd9745.xa/xa-gui-ho-so", "qd9745.xa/huyen-cong-nhan", "qd9745.xa/huyen-bao-cao-tinh", "qd9745.xa/tinh-cong-nhan"],
            deadlines.Select(Key));

        var registration = deadlines.Single(d => Key(d) == "qd9745.xa/dang-ky");
        Assert.Equal(ReminderHost.At(2026, 3, 31), registration.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("2026-03-31", registration.GetProperty("dueDate").GetString());
        Assert.Equal(ReminderHost.At(2026, 1, 1), registration.GetProperty("opensAt").GetDateTimeOffset());
        Assert.Equal(["P14D", "P7D", "P1D"], registration.GetProperty("remind").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(ReminderHost.At(2026, 4, 1), registration.GetProperty("escalatesAt").GetDateTimeOffset());
        Assert.Equal("done", Units(registration).Single().GetProperty("status").GetString());

        var sending = Units(deadlines.Single(d => Key(d) == "qd9745.xa/xa-gui-ho-so")).Single();
        Assert.Equal(("pending", "draft"), (sending.GetProperty("status").GetString(), sending.GetProperty("submissionStatus").GetString()));
        Assert.Equal("Hồ sơ còn là bản nháp, chưa gửi", sending.GetProperty("situation").GetString());
        var actor = sending.GetProperty("waitingOn");
        Assert.Equal((world.CommuneA1.Id, "unit"), (actor.GetProperty("unitId").GetInt32(), actor.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Deadlines_DistrictReviewerPastYear_ItsUnitsOverdueOrDone()
    {
        var world = await _host.WorldAsync();
        await _host.RegisterAsync("truong-a@test.vn", world.AgencyA, ReminderActions.SchoolPack, 2025);
        var district = await _host.LoginAsync("huyen-a@test.vn");

        var calendar = await district.GetJsonAsync("/api/deadlines?year=2025");
        var units = calendar.GetProperty("deadlines").EnumerateArray().SelectMany(Units).Select(u => u.GetProperty("unitId").GetInt32()).ToHashSet();
        Assert.Equal(new HashSet<int> { world.CommuneA1.Id, world.CommuneA2.Id, world.AgencyA.Id }, units);

        var communes = calendar.GetProperty("deadlines").EnumerateArray().Single(d => Key(d) == "qd9745.xa/dang-ky");
        Assert.All(Units(communes), u => Assert.Equal("overdue", u.GetProperty("status").GetString()));
        Assert.Equal((0, 0, 2), Counts(communes));
        var school = calendar.GetProperty("deadlines").EnumerateArray().Single(d => Key(d) == "qd9745.co-quan-doanh-nghiep-giao-duc/dang-ky");
        Assert.Equal("done", Units(school).Single().GetProperty("status").GetString());

        var overdue = await district.GetJsonAsync("/api/deadlines?year=2025&status=overdue");
        Assert.All(overdue.GetProperty("deadlines").EnumerateArray().SelectMany(Units), u => Assert.Equal("overdue", u.GetProperty("status").GetString()));
        Assert.DoesNotContain(overdue.GetProperty("deadlines").EnumerateArray(), d => Key(d) == "qd9745.co-quan-doanh-nghiep-giao-duc/dang-ky");
    }

    [Fact]
    public async Task Deadlines_StageAndPage_CountsCoverAllUnitsRowsArePaged()
    {
        await _host.WorldAsync();
        var district = await _host.LoginAsync("huyen-a@test.vn");
        var all = (await district.GetJsonAsync("/api/deadlines?year=2025")).GetProperty("deadlines").EnumerateArray().Single(d => Key(d) == "qd9745.xa/dang-ky");
        var allUnits = Units(all).Select(u => u.GetProperty("unitId").GetInt32()).ToList();
        Assert.Equal(2, allUnits.Count);

        var first = await district.GetJsonAsync("/api/deadlines?year=2025&stage=registered&take=1");
        var second = await district.GetJsonAsync("/api/deadlines?year=2025&stage=registered&skip=1&take=1");

        Assert.All(first.GetProperty("deadlines").EnumerateArray(), d => Assert.Equal("registered", d.GetProperty("stage").GetString()));
        var firstPage = first.GetProperty("deadlines").EnumerateArray().Single(d => Key(d) == "qd9745.xa/dang-ky");
        var secondPage = second.GetProperty("deadlines").EnumerateArray().Single(d => Key(d) == "qd9745.xa/dang-ky");
        // The counts and the total cover every unit; the rows are the page, in the full list's order.
        Assert.Equal(Counts(all), Counts(firstPage));
        Assert.Equal(2, firstPage.GetProperty("unitsTotal").GetInt32());
        Assert.Equal(allUnits, Units(firstPage).Concat(Units(secondPage)).Select(u => u.GetProperty("unitId").GetInt32()));
        Assert.DoesNotContain(first.GetProperty("deadlines").EnumerateArray(), d => Key(d) == "qd9745.xa/xa-gui-ho-so");
    }

    [Fact]
    public async Task Deadlines_SubmittedToDistrict_WaitsOnTheDistrictReviewers()
    {
        var world = await _host.WorldAsync();
        var id = await _host.RegisterAsync("xa-a2@test.vn", world.CommuneA2, ReminderActions.CommunePack, 2027);
        await _host.SubmitAsync("xa-a2@test.vn", id);
        var district = await _host.LoginAsync("huyen-a@test.vn");

        var calendar = await district.GetJsonAsync($"/api/deadlines?year=2027&unitId={world.CommuneA2.Id}");
        var deadlines = calendar.GetProperty("deadlines").EnumerateArray().ToList();
        Assert.Equal("done", Units(deadlines.Single(d => Key(d) == "qd9745.xa/xa-gui-ho-so")).Single().GetProperty("status").GetString());
        var recognition = Units(deadlines.Single(d => Key(d) == "qd9745.xa/huyen-cong-nhan")).Single();
        Assert.Equal("pending", recognition.GetProperty("status").GetString());
        Assert.Equal(id, recognition.GetProperty("submissionId").GetGuid());
        var actor = recognition.GetProperty("waitingOn");
        Assert.Equal((world.DistrictA.Id, "reviewer"), (actor.GetProperty("unitId").GetInt32(), actor.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Deadlines_SubmitAfterARead_ShownAtOnceNotFromTheSharedBoard()
    {
        var world = await _host.WorldAsync();
        var id = await _host.RegisterAsync("xa-a1@test.vn", world.CommuneA1, ReminderActions.CommunePack, 2028);
        var district = await _host.LoginAsync("huyen-a@test.vn");
        var path = $"/api/deadlines?year=2028&unitId={world.CommuneA1.Id}";
        string Sending(JsonElement calendar) =>
            Units(calendar.GetProperty("deadlines").EnumerateArray().Single(d => Key(d) == "qd9745.xa/xa-gui-ho-so")).Single().GetProperty("status").GetString()!;
        Assert.Equal("pending", Sending(await district.GetJsonAsync(path)));

        // The board just read is kept for a while; the submit changes a dossier's status, which drops it.
        await _host.SubmitAsync("xa-a1@test.vn", id);

        Assert.Equal("done", Sending(await district.GetJsonAsync(path)));
    }

    [Fact]
    public async Task Deadlines_OtherDistrictsUnitOrBadQuery_404Or400()
    {
        var world = await _host.WorldAsync();
        var district = await _host.LoginAsync("huyen-a@test.vn");
        await (await district.GetAsync($"/api/deadlines?unitId={world.CommuneB1.Id}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await district.GetAsync("/api/deadlines?unitId=999999")).ExpectAsync(HttpStatusCode.NotFound);
        var problem = await (await district.GetAsync("/api/deadlines?year=1999")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Năm 1999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await district.GetAsync("/api/deadlines?status=late")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await _host.Factory.CreateClient().GetAsync("/api/deadlines")).ExpectAsync(HttpStatusCode.Unauthorized);

        // Without a year: the current one in Vietnam.
        var current = await district.GetJsonAsync("/api/deadlines");
        Assert.Equal(2026, current.GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task Notifications_PlannerReminders_InboxUnreadCountAndReadOwnOnly()
    {
        await _host.WorldAsync();
        await _host.RunPlannerAsync(); // 17/03: 14 days before the Q1 registration deadlines
        var commune = await _host.LoginAsync("xa-b1@test.vn");

        var inbox = await commune.GetJsonAsync("/api/notifications");
        var items = inbox.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["qd9745.xa/dang-ky", "tt124.xa/quy-i"], items.Select(n => $"{n.GetProperty("packId").GetString()}/{n.GetProperty("deadlineId").GetString()}").Order());
        Assert.All(items, n => Assert.Equal(("reminder", "P14D", "Xã Hố Nai 3"),
            (n.GetProperty("kind").GetString(), n.GetProperty("occasion").GetString(), n.GetProperty("units")[0].GetProperty("name").GetString())));
        Assert.Equal((2, 2), (inbox.GetProperty("total").GetInt32(), inbox.GetProperty("unread").GetInt32()));
        Assert.Equal(2, (await commune.GetJsonAsync("/api/notifications/unread-count")).GetProperty("count").GetInt32());

        var first = items[0].GetProperty("id").GetGuid();
        // Another account cannot read it, nor learn that it exists.
        var other = await _host.LoginAsync("xa-a2@test.vn");
        await (await other.PostAsync($"/api/notifications/{first}/read", null)).ExpectAsync(HttpStatusCode.NotFound);

        var read = await (await commune.PostAsync($"/api/notifications/{first}/read", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.String, read.GetProperty("readAt").ValueKind);
        Assert.Equal(1, (await commune.GetJsonAsync("/api/notifications/unread-count")).GetProperty("count").GetInt32());
        Assert.Single((await commune.GetJsonAsync("/api/notifications?unread=true")).GetProperty("items").EnumerateArray());
        await (await commune.PostAsync("/api/notifications/read-all", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (await commune.GetJsonAsync("/api/notifications/unread-count")).GetProperty("count").GetInt32());
        await (await _host.Factory.CreateClient().GetAsync("/api/notifications/unread-count")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    private static string Key(JsonElement deadline) => $"{deadline.GetProperty("packId").GetString()}/{deadline.GetProperty("id").GetString()}";

    private static IEnumerable<JsonElement> Units(JsonElement deadline) => deadline.GetProperty("units").EnumerateArray();

    private static (int Done, int Pending, int Overdue) Counts(JsonElement deadline)
    {
        var counts = deadline.GetProperty("counts");
        return (counts.GetProperty("done").GetInt32(), counts.GetProperty("pending").GetInt32(), counts.GetProperty("overdue").GetInt32());
    }
}
