using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Documents;
using Antq.Admin.Tests.Reminders;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Dashboard;

/// <summary>
/// The dashboard's counts come from the database (a GROUP BY per parent folded into rows, DashboardPackBoards) and its
/// deadlines from the board filtered to the focus, kept with the boards: both must follow a save, a decision and a unit
/// moved to another district at once. Own database (a unit is moved), year 2024 (three levels: the district decides).
/// </summary>
public sealed class DashboardCountsTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Pack = DocumentHttp.Pack;

    [Fact]
    public async Task Dashboard_CountsFollowSaveDecisionAndUnitMove()
    {
        var world = await factory.WorldAsync();
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        var districtB = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var commune = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var admin = await TestWorld.AdminAsync(factory);

        var before = Board(await province.GetJsonAsync("/api/dashboard?year=2024"));
        Assert.Equal((2, 2), (Count(Row(before, world.DistrictA.Id), "total"), Count(Row(before, world.DistrictA.Id), "notStarted")));
        Assert.Equal((1, 1), (Count(Row(before, world.DistrictB.Id), "total"), Count(Row(before, world.DistrictB.Id), "notStarted")));
        Assert.True(Row(before, world.DistrictB.Id).GetProperty("drillable").GetBoolean());

        // A save (the first one creates the dossier), then its submission.
        var id = await commune.CreateSubmissionAsync(world.CommuneB1, Pack, 2024, DocumentHttp.ValidCommune);
        Assert.Equal(1, Count(Row(Board(await province.GetJsonAsync("/api/dashboard?year=2024")), world.DistrictB.Id), "draft"));
        await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        var submitted = Board(await districtB.GetJsonAsync("/api/dashboard?year=2024"));
        var own = Row(submitted, world.CommuneB1.Id);
        Assert.Equal((1, 0, "submitted", id), (Count(own, "submitted"), Count(own, "draft"), own.GetProperty("status").GetString(), own.GetProperty("submissionId").GetGuid()));

        // The district's decision.
        await (await districtB.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        await (await districtB.ActAsync(id, "recognise", new { decisionNumber = "9/QĐ-BCĐ", decisionDate = "2024-11-10" })).ExpectAsync(HttpStatusCode.OK);
        var decided = Board(await province.GetJsonAsync("/api/dashboard?year=2024"));
        Assert.Equal((1, 0, 1), (Count(Row(decided, world.DistrictB.Id), "recognised"), Count(Row(decided, world.DistrictB.Id), "submitted"),
            Count(decided.GetProperty("totals"), "recognised")));

        // A commune of district A moves to district B: its row, its count and its deadlines go with it.
        var lateBefore = LateUnits(await districtB.GetJsonAsync("/api/dashboard?year=2024"));
        Assert.DoesNotContain(world.CommuneA2.Id, lateBefore);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/units/{world.CommuneA2.Id}", new { parentId = world.DistrictB.Id })).StatusCode);
        var moved = Board(await province.GetJsonAsync("/api/dashboard?year=2024"));
        Assert.Equal((1, 1), (Count(Row(moved, world.DistrictA.Id), "total"), Count(Row(moved, world.DistrictA.Id), "notStarted")));
        Assert.Equal((2, 1, 1), (Count(Row(moved, world.DistrictB.Id), "total"), Count(Row(moved, world.DistrictB.Id), "recognised"),
            Count(Row(moved, world.DistrictB.Id), "notStarted")));
        Assert.Equal(3, Count(moved.GetProperty("totals"), "total"));
        var below = await districtB.GetJsonAsync("/api/dashboard?year=2024");
        Assert.Equal(new[] { world.CommuneA2.Id, world.CommuneB1.Id }.Order(),
            Board(below).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unit").GetProperty("id").GetInt32()).Order());
        Assert.Equal("notStarted", Row(Board(below), world.CommuneA2.Id).GetProperty("status").GetString());
        Assert.Contains(world.CommuneA2.Id, LateUnits(below));
    }

    private static JsonElement Board(JsonElement dashboard) =>
        dashboard.GetProperty("packs").EnumerateArray().Single(p => p.GetProperty("packId").GetString() == Pack);

    private static JsonElement Row(JsonElement board, int unitId) =>
        board.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unit").GetProperty("id").GetInt32() == unitId);

    private static int Count(JsonElement rowOrCounts, string status) =>
        (rowOrCounts.TryGetProperty("counts", out var c) ? c : rowOrCounts).GetProperty(status).GetInt32();

    /// <summary>The units late for some deadline of the pack on this dashboard.</summary>
    private static List<int> LateUnits(JsonElement dashboard) =>
        dashboard.GetProperty("deadlines").EnumerateArray().Where(d => d.GetProperty("packId").GetString() == Pack)
            .SelectMany(d => d.GetProperty("lateUnits").EnumerateArray().Select(u => u.GetProperty("unitId").GetInt32())).ToList();
}
