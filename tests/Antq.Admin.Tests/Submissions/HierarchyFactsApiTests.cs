using System.Net;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Submissions;

/// <summary>
/// TT124 Điều 5 k4 computed from the system's records: the commune's khu dân cư dossiers (pack
/// tt124.khu-dan-cu) give the registered and recognised counts that tt124.xa reads as hierarchy
/// facts; a draft follows the records, a submitted dossier keeps its verdict and shows the facts moved.
/// </summary>
public sealed class HierarchyFactsApiTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string KdcPack = "tt124.khu-dan-cu";

    /// <summary>Four khu dân cư under the commune: two recognised, one draft, one without a dossier.</summary>
    private async Task<List<Unit>> SeedResidentialAreasAsync(Unit commune, int year) =>
        await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            var areas = new List<Unit>();
            foreach (var (code, name) in new[] { ("KDC-1", "Ấp 1"), ("KDC-2", "Ấp 2"), ("KDC-3", "Ấp 3"), ("KDC-4", "Ấp 4") })
            {
                var unit = new Unit { Code = $"{commune.Code}-{code}", Name = name, KindId = "khu-dan-cu", LevelId = "unit", ParentId = commune.Id, Depth = commune.Depth + 1 };
                db.Units.Add(unit);
                await db.SaveChangesAsync();
                unit.Path = $"{commune.Path}{unit.Id}/";
                areas.Add(unit);
            }
            foreach (var (unit, status) in new[] { (areas[0], SubmissionStatus.Recognised), (areas[1], SubmissionStatus.Recognised), (areas[2], SubmissionStatus.Draft) })
                db.Submissions.Add(Dossier(unit, year, status));
            await db.SaveChangesAsync();
            return areas;
        });

    private static SubmissionRecord Dossier(Unit unit, int year, string status) => new()
    {
        Id = Guid.NewGuid(), UnitId = unit.Id, PackId = KdcPack, Year = year, PackVersion = Packs.PackZips.ShippedVersion(KdcPack), Status = status,
        DataJson = "{}", CreateHash = Guid.NewGuid().ToString("N"), EvaluationJson = "{}", EvaluatedPackHash = "",
        DecisionNumber = status == SubmissionStatus.Recognised ? "01/QĐ-UBND" : null,
        DecisionDate = status == SubmissionStatus.Recognised ? new DateOnly(year, 11, 10) : null,
        CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    private static JsonElement Criterion(JsonElement submission, string id) =>
        Flatten(submission.GetProperty("evaluation").GetProperty("criteria")).Single(c => c.GetProperty("id").GetString() == id);

    private static IEnumerable<JsonElement> Flatten(JsonElement criteria) =>
        criteria.EnumerateArray().SelectMany(c => new[] { c }.Concat(Flatten(c.GetProperty("children"))));

    [Fact]
    public async Task CommuneDossier_ReadsItsResidentialAreasFromTheSystem_AndFollowsThem()
    {
        var world = await factory.WorldAsync();
        var areas = await SeedResidentialAreasAsync(world.CommuneB1, 2025);
        var commune = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");

        // The commune typed 12/12/10 khu dân cư; the system has 4, 3 registered, 2 recognised.
        var id = await commune.CreateSubmissionAsync(world.CommuneB1, Samples.CommunePack, 2025, Samples.ValidCommune);
        var created = await commune.ReadSubmissionAsync(id);
        var registered = Criterion(created, "TC04.a");
        Assert.Equal("notMet", registered.GetProperty("status").GetString());
        Assert.Contains("(theo dữ liệu hệ thống: 3/4 khu dân cư đã đăng ký)", registered.GetProperty("explanation").GetString());

        var facts = await (await commune.GetAsync($"/api/submissions/{id}/facts")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(facts.GetProperty("applies").GetBoolean());
        Assert.False(facts.GetProperty("movedSinceEvaluation").GetBoolean());
        var recognised = facts.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "children.khu-dan-cu.recognised");
        Assert.Equal(2, recognised.GetProperty("current").GetInt32());
        Assert.Equal("2/4 khu dân cư đã được công nhận", recognised.GetProperty("currentSource").GetString());
        Assert.Equal(["Ấp 1", "Ấp 2"], recognised.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString()));

        // Ấp 4 registers and Ấp 3 is recognised: the draft is re-evaluated with the new numbers.
        await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            db.Submissions.Add(Dossier(areas[3], 2025, SubmissionStatus.Draft));
            var ap3 = await db.Submissions.Include(s => s.Unit).SingleAsync(s => s.UnitId == areas[2].Id);
            ap3.Status = SubmissionStatus.Recognised;
            await db.SaveChangesAsync();
            var refreshed = await services.GetRequiredService<HierarchyFactsService>().RefreshDependantsAsync(ap3, services.GetRequiredService<SubmissionEvaluator>(), default);
            Assert.Equal(1, refreshed);
        });
        var draft = await commune.ReadSubmissionAsync(id);
        Assert.Equal("met", Criterion(draft, "TC04.a").GetProperty("status").GetString());
        Assert.Contains("3/4 khu dân cư đã được công nhận", Criterion(draft, "TC04.b").GetProperty("explanation").GetString());

        // Submitted, then one area's recognition is withdrawn: the stored verdict stays, the view says the facts moved.
        var submitted = await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            var ap1 = await db.Submissions.SingleAsync(s => s.UnitId == areas[0].Id);
            ap1.Status = SubmissionStatus.NotRecognised;
            await db.SaveChangesAsync();
        });
        var after = await commune.ReadSubmissionAsync(id);
        Assert.Equal(submitted.GetProperty("evaluation").GetRawText(), after.GetProperty("evaluation").GetRawText());
        var moved = await (await commune.GetAsync($"/api/submissions/{id}/facts")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(moved.GetProperty("movedSinceEvaluation").GetBoolean());
        var now = moved.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "children.khu-dan-cu.recognised");
        Assert.Equal((2, 3), (now.GetProperty("current").GetInt32(), now.GetProperty("stored").GetInt32()));
    }

    [Fact]
    public async Task CommuneWithoutResidentialAreasInTheSystem_TypedValuesStand()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");

        var id = await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2025, Samples.ValidCommune);

        var created = await commune.ReadSubmissionAsync(id);
        Assert.Equal("met", Criterion(created, "TC04.a").GetProperty("status").GetString());
        Assert.DoesNotContain("dữ liệu hệ thống", Criterion(created, "TC04.b").GetProperty("explanation").GetString());
        var facts = await (await commune.GetAsync($"/api/submissions/{id}/facts")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(facts.GetProperty("applies").GetBoolean());
    }
}
