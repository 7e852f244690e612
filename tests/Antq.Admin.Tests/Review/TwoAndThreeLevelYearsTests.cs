using System.Net;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Tests.Reminders;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Antq.Admin.Tests.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Review;

/// <summary>
/// A three-level year (2024) and a two-level year (2025) side by side in one database: the same commune's dossier
/// of 2024 goes to its former district, that of 2025 to the province. The queue's due date, the reviewer's scope
/// and the dashboard's deadline counts follow each dossier's route in its own year, not the commune's present parent.
/// </summary>
public sealed class TwoAndThreeLevelYearsTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public async Task CommuneDossiers_2024AtTheDistrict_2025AtTheProvince()
    {
        var world = await TwoLevelHistory.ApplyAsync(factory, Today);
        var pack = await factory.WithServicesAsync(services => services.GetRequiredService<PackCatalog>().GetActiveAsync(Samples.CommunePack));
        var old = await SubmittedAsync(world.CommuneA1, 2024, world.DistrictA.Id, pack!.Manifest.Version);
        var now = await SubmittedAsync(world.CommuneA1, 2025, world.Province.Id, pack.Manifest.Version);
        var recognised = pack.Deadlines.Single(d => d.Stage == "recognised");

        // The 2025 dossier waits at the province, which decides it: the recognition deadline is the province's.
        Assert.Equal(recognised.DueAt(2025), await factory.QueueDueAsync("tinh@test.vn", now));
        // The 2024 dossier waits at the former district, which still sees it though the commune now lies under the province.
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        await (await district.GetSubmissionAsync(old)).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(old, await district.ListIdsAsync("?year=2024"));
        Assert.DoesNotContain(now, await district.ListIdsAsync());
        Assert.NotNull(await factory.QueueDueAsync("huyen-a@test.vn", old));
        await (await district.GetSubmissionAsync(now)).ExpectAsync(HttpStatusCode.NotFound);

        // Dashboards: the commune's late recognition counts at the district in 2024 and at the province in 2025.
        Assert.Contains(world.CommuneA1.Id, LateUnits(await district.GetJsonAsync("/api/dashboard?year=2024"), recognised.Id));
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        Assert.Contains(world.CommuneA1.Id, LateUnits(await province.GetJsonAsync("/api/dashboard?year=2025"), recognised.Id));
        Assert.DoesNotContain(world.CommuneA1.Id, LateUnits(await district.GetJsonAsync($"/api/dashboard?year=2025&unitId={world.DistrictA.Id}"), recognised.Id));
    }

    private static IEnumerable<int> LateUnits(JsonElement dashboard, string deadlineId) =>
        dashboard.GetProperty("deadlines").EnumerateArray()
            .Where(d => d.GetProperty("packId").GetString() == Samples.CommunePack && d.GetProperty("deadlineId").GetString() == deadlineId)
            .SelectMany(d => d.GetProperty("lateUnits").EnumerateArray().Select(u => u.GetProperty("unitId").GetInt32()));

    private Task<Guid> SubmittedAsync(Unit unit, int year, int pendingAt, string version) =>
        factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            var record = new SubmissionRecord
            {
                Id = Guid.NewGuid(), UnitId = unit.Id, PackId = Samples.CommunePack, PackVersion = version, Year = year, Status = SubmissionStatus.Submitted,
                PendingUnitId = pendingAt, DataJson = "{}", CreateHash = "t", EvaluationJson = "{}", EvaluatedPackHash = "t",
            };
            db.Submissions.Add(record);
            await db.SaveChangesAsync();
            return record.Id;
        });
}
