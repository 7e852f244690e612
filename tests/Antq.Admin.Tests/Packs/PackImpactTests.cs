using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Tests.Support;
using Antq.FormEngine.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Packs;

/// <summary>Impact preview: stored submissions re-evaluated under a candidate version, compared criterion by criterion.</summary>
public sealed class PackImpactTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Impact_CandidateRaisesThreshold_ListsExactlyTheSubmissionsThatChange()
    {
        var world = await factory.WorldAsync();
        var passesBoth = await StoreSubmissionAsync(factory, world.CommuneA1, PackZips.Tt124DataWithRecognised(80));
        var passesOnlyOld = await StoreSubmissionAsync(factory, world.CommuneA2, PackZips.Tt124DataWithRecognised(72));
        var failsBoth = await StoreSubmissionAsync(factory, world.CommuneB1, PackZips.Tt124TestData("02-chua-dat-tat-ca.json"));
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        Assert.Equal(HttpStatusCode.Created, (await PackZips.UploadAsync(admin, PackZips.Zip(PackZips.Tt124Revision(PackZips.Tt124Next, 75)))).StatusCode);

        var impact = await admin.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Next}/impact");

        var changed = Assert.Single(impact.GetProperty("changed").EnumerateArray());
        Assert.Equal(passesOnlyOld, changed.GetProperty("submissionId").GetGuid());
        Assert.Equal(world.CommuneA2.Id, changed.GetProperty("unitId").GetInt32());
        Assert.Equal("dat", changed.GetProperty("from").GetString());
        Assert.Equal("chua-dat", changed.GetProperty("to").GetString());
        Assert.False(changed.GetProperty("moves").GetBoolean()); // sent: pinned, changes only if returned
        var criteria = changed.GetProperty("criteria").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetString(), c.GetProperty("from").GetString(), c.GetProperty("to").GetString())).ToList();
        Assert.Equal([("TC04", "met", "notMet"), ("TC04.b", "met", "notMet")], criteria);
        Assert.Equal(2, impact.GetProperty("unchanged").GetInt32());
        Assert.DoesNotContain(impact.GetProperty("changed").EnumerateArray(), c => c.GetProperty("submissionId").GetGuid() == passesBoth || c.GetProperty("submissionId").GetGuid() == failsBoth);

        // A preview changes nothing: the candidate is still inactive.
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/versions");
        Assert.Equal(PackZips.Tt124Version, versions.EnumerateArray().Single(v => v.GetProperty("active").GetBoolean()).GetProperty("version").GetString());

        // The active version itself changes nobody.
        var same = await admin.GetFromJsonAsync<JsonElement>($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Version}/impact");
        Assert.Empty(same.GetProperty("changed").EnumerateArray());
        Assert.Equal(3, same.GetProperty("unchanged").GetInt32());
    }

    /// <summary>A submission as the submissions feature stores it: data plus the verdict of the active version; sent unless <paramref name="status"/> says otherwise (sent, an activation does not move it).</summary>
    internal static async Task<Guid> StoreSubmissionAsync(AntqApiFactory factory, Unit unit, JsonObject data, string status = SubmissionStatus.Submitted) =>
        await factory.WithServicesAsync(async services =>
        {
            var pack = (await services.GetRequiredService<PackCatalog>().GetActiveAsync(PackZips.Tt124))!;
            var dataJson = data.ToJsonString();
            using var document = JsonDocument.Parse(dataJson);
            var result = pack.Evaluate(new UnitInfo(unit.KindId, unit.Code, unit.Name, unit.LevelId), 2025, document.RootElement);
            var now = DateTimeOffset.UtcNow;
            var record = new SubmissionRecord
            {
                Id = Guid.NewGuid(), UnitId = unit.Id, PackId = PackZips.Tt124, Year = 2025, PackVersion = pack.Manifest.Version, Status = status,
                DataJson = dataJson, CreateHash = new string('0', 64), EvaluationJson = StoredEvaluation.Write(result),
                EvaluatedPackHash = pack.ContentHash, OutcomeId = result.Outcome?.Id, Valid = result.Valid, CreatedAt = now, UpdatedAt = now,
            };
            var db = services.GetRequiredService<AntqDbContext>();
            db.Submissions.Add(record);
            await db.SaveChangesAsync();
            return record.Id;
        });

    /// <summary><paramref name="count"/> communes of the commune kind added under district B (codes <paramref name="codePrefix"/>-001…), with their paths.</summary>
    internal static Task<List<Unit>> AddCommunesAsync(AntqApiFactory factory, TestWorld world, int count, string codePrefix = "TN") =>
        factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<AntqDbContext>();
            var added = Enumerable.Range(1, count).Select(i => new Unit
            {
                Code = $"{codePrefix}-{i:D3}", Name = $"Xã Thử {i}", KindId = world.CommuneB1.KindId, LevelId = world.CommuneB1.LevelId,
                ParentId = world.DistrictB.Id, Depth = world.DistrictB.Depth + 1,
            }).ToList();
            db.Units.AddRange(added);
            await db.SaveChangesAsync();
            foreach (var unit in added) unit.Path = $"{world.DistrictB.Path}{unit.Id}/";
            await db.SaveChangesAsync();
            return added;
        });
}
