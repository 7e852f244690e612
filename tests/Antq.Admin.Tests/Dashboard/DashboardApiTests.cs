using System.Net;
using System.Text.Json;
using Antq.Admin.Tests.Reminders;
using Antq.Admin.Tests.Submissions;

namespace Antq.Admin.Tests.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c> on the reminder tests' stopped clock (17/03/2026 10:00, Vietnam time):
/// units × status per pack, the drill-down one level at a time, scope, unmet deadlines, the most
/// often unmet criteria and a unit's next steps. Each test uses its own year.
/// </summary>
public sealed class DashboardApiTests : IClassFixture<ReminderHost>
{
    private const string CommunePack = "qd9745.xa";
    private readonly ReminderHost _host;

    public DashboardApiTests(ReminderHost host)
    {
        _host = host;
        host.NotBefore(ReminderHost.At(2026, 3, 17, 10, 0));
    }

    [Fact]
    public async Task Dashboard_DistrictReviewer_CountsFollowTheProcedure()
    {
        var world = await _host.WorldAsync();
        var commune = await _host.LoginAsync("xa-a1@test.vn");
        var id = await commune.CreateSubmissionAsync(world.CommuneA1, CommunePack, 2028, Samples.Data(CommunePack, "15-mot-tieu-chi-chua-dat.json"));
        var district = await _host.LoginAsync("huyen-a@test.vn");

        var drafting = Board(await district.GetJsonAsync("/api/dashboard?year=2028"), CommunePack);
        Assert.Equal((0, 1, 0), (Count(Row(drafting, world.CommuneA1.Id), "submitted"), Count(Row(drafting, world.CommuneA1.Id), "draft"), Count(Row(drafting, world.CommuneA1.Id), "notStarted")));
        Assert.Equal(1, Count(Row(drafting, world.CommuneA2.Id), "notStarted"));
        Assert.Equal((2, 1, 1), (Count(drafting.GetProperty("totals"), "total"), Count(drafting.GetProperty("totals"), "notStarted"), Count(drafting.GetProperty("totals"), "draft")));

        await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        var submitted = await district.GetJsonAsync("/api/dashboard?year=2028");
        var row = Row(Board(submitted, CommunePack), world.CommuneA1.Id);
        Assert.Equal((1, 0), (Count(row, "submitted"), Count(row, "draft")));
        Assert.Equal(id, row.GetProperty("submissionId").GetGuid());
        Assert.False(row.GetProperty("drillable").GetBoolean());
        Assert.True(submitted.GetProperty("waitingForYou").GetInt32() >= 1);
        // The stored evaluation of the submitted form: criterion 9 not met in 1 of 1 submissions.
        var unmet = submitted.GetProperty("unmet").EnumerateArray().Single(c => c.GetProperty("criterionId").GetString() == "TC09");
        Assert.Equal((CommunePack, 1, 1), (unmet.GetProperty("packId").GetString(), unmet.GetProperty("count").GetInt32(), unmet.GetProperty("evaluated").GetInt32()));

        await (await district.ActAsync(id, "return", new { reason = "Bổ sung tiêu chí 9.", criteria = new Dictionary<string, string> { ["TC09"] = "Thiếu số liệu." } }))
            .ExpectAsync(HttpStatusCode.OK);
        var returned = Row(Board(await district.GetJsonAsync("/api/dashboard?year=2028"), CommunePack), world.CommuneA1.Id);
        Assert.Equal((1, 0), (Count(returned, "returned"), Count(returned, "submitted")));

        // The commune's own dashboard says what to do next.
        var own = await commune.GetJsonAsync("/api/dashboard?year=2028");
        Assert.Equal(world.CommuneA1.Id, own.GetProperty("unit").GetProperty("id").GetInt32());
        var step = own.GetProperty("nextSteps").EnumerateArray().Single(s => s.GetProperty("packId").GetString() == CommunePack);
        Assert.Equal(("returned", $"/ho-so/{id}"), (step.GetProperty("status").GetString(), step.GetProperty("link").GetString()));
        var other = own.GetProperty("nextSteps").EnumerateArray().Single(s => s.GetProperty("packId").GetString() == "tt124.xa");
        Assert.Equal(("notStarted", "/ho-so"), (other.GetProperty("status").GetString(), other.GetProperty("link").GetString()));
    }

    [Fact]
    public async Task Dashboard_Province_DrillsDownProvinceDistrictUnit()
    {
        var world = await _host.WorldAsync();
        var school = await _host.LoginAsync("truong-a@test.vn");
        await school.CreateSubmissionAsync(world.AgencyA, ReminderActions.SchoolPack, 2029, ReminderActions.ValidFor(ReminderActions.SchoolPack));
        var province = await _host.LoginAsync("tinh@test.vn");

        var top = await province.GetJsonAsync("/api/dashboard?year=2029");
        Assert.Equal(world.Province.Id, top.GetProperty("unit").GetProperty("id").GetInt32());
        var communes = Board(top, CommunePack);
        var districtA = Row(communes, world.DistrictA.Id);
        Assert.True(districtA.GetProperty("drillable").GetBoolean());
        Assert.Equal((2, 2), (Count(districtA, "total"), Count(districtA, "notStarted")));
        Assert.Equal(1, Count(Row(communes, world.DistrictB.Id), "total"));
        Assert.Equal(1, Count(Row(Board(top, ReminderActions.SchoolPack), world.DistrictA.Id), "draft"));

        // One level down: the district's communes, and the way back up.
        var down = await province.GetJsonAsync($"/api/dashboard?year=2029&unitId={world.DistrictA.Id}");
        Assert.Equal([world.Province.Id, world.DistrictA.Id], down.GetProperty("breadcrumb").EnumerateArray().Select(u => u.GetProperty("id").GetInt32()));
        Assert.Equal(new[] { world.CommuneA1.Id, world.CommuneA2.Id }.Order(),
            Board(down, CommunePack).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unit").GetProperty("id").GetInt32()).Order());

        // A district reviewer's breadcrumb starts at its own unit.
        var district = await _host.LoginAsync("huyen-a@test.vn");
        var own = await district.GetJsonAsync("/api/dashboard?year=2029");
        Assert.Equal([world.DistrictA.Id], own.GetProperty("breadcrumb").EnumerateArray().Select(u => u.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Dashboard_OutsideTheScopeOrBadYear_IsRefused()
    {
        var world = await _host.WorldAsync();
        var district = await _host.LoginAsync("huyen-a@test.vn");
        var commune = await _host.LoginAsync("xa-a1@test.vn");

        var notFound = await (await district.GetAsync($"/api/dashboard?unitId={world.DistrictB.Id}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("Không tìm thấy", notFound.GetProperty("title").GetString());
        await (await commune.GetAsync($"/api/dashboard?unitId={world.DistrictA.Id}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await commune.GetAsync($"/api/dashboard?unitId={world.CommuneA2.Id}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await district.GetAsync("/api/dashboard?unitId=999999")).ExpectAsync(HttpStatusCode.NotFound);
        var badYear = await (await district.GetAsync("/api/dashboard?year=1999")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Năm 1999", badYear.GetProperty("detail").GetString());
        using var anonymous = _host.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_PastYear_ListsOverdueDeadlinesWithLateUnits()
    {
        var world = await _host.WorldAsync();
        var district = await _host.LoginAsync("huyen-a@test.vn");

        var past = await district.GetJsonAsync("/api/dashboard?year=2024");
        var registration = past.GetProperty("deadlines").EnumerateArray()
            .Single(d => d.GetProperty("packId").GetString() == CommunePack && d.GetProperty("deadlineId").GetString() == "dang-ky");
        Assert.True(registration.GetProperty("overdue").GetBoolean());
        Assert.Equal((2, 0), (registration.GetProperty("late").GetInt32(), registration.GetProperty("done").GetInt32()));
        Assert.Equal(new[] { world.CommuneA1.Id, world.CommuneA2.Id }.Order(),
            registration.GetProperty("lateUnits").EnumerateArray().Select(u => u.GetProperty("unitId").GetInt32()).Order());

        // This year's registration is still open on 17/03/2026: upcoming, not overdue.
        var current = await district.GetJsonAsync("/api/dashboard?year=2026");
        var upcoming = current.GetProperty("deadlines").EnumerateArray()
            .First(d => d.GetProperty("packId").GetString() == CommunePack && d.GetProperty("deadlineId").GetString() == "dang-ky");
        Assert.False(upcoming.GetProperty("overdue").GetBoolean());
        Assert.Equal(0, upcoming.GetProperty("late").GetInt32());
    }

    private static JsonElement Board(JsonElement dashboard, string packId) =>
        dashboard.GetProperty("packs").EnumerateArray().Single(p => p.GetProperty("packId").GetString() == packId);

    private static JsonElement Row(JsonElement board, int unitId) =>
        board.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unit").GetProperty("id").GetInt32() == unitId);

    /// <summary>A count of a row (its <c>counts</c>) or of the totals.</summary>
    private static int Count(JsonElement rowOrCounts, string status)
    {
        var counts = rowOrCounts.TryGetProperty("counts", out var c) ? c : rowOrCounts;
        return counts.GetProperty(status).GetInt32();
    }
}
