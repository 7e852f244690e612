using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Features.Packs;
using Antq.Admin.Tests.Packs;
using Antq.Admin.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Submissions;

/// <summary>Creating with a client id, retries, one submission per (unit, pack, year), and draft saves.</summary>
public sealed class SubmissionDraftTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Put_NewId_CreatesDraftPinnedToActiveVersion()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = Guid.NewGuid();

        var response = await client.PutSubmissionAsync(id, new { unitId = world.CommuneA1.Id, packId = Samples.CommunePack, year = 2025, data = Samples.ValidCommune });

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/submissions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(id, created.GetProperty("id").GetGuid());
        Assert.Equal("draft", created.Status());
        Assert.Equal(1, created.Revision());
        Assert.Equal(PackZips.Tt124Version, created.GetProperty("packVersion").GetString());
        Assert.Equal(world.CommuneA1.Id, created.GetProperty("unit").GetProperty("id").GetInt32());
        Assert.Equal(PackZips.Tt124Version, created.GetProperty("evaluation").GetProperty("pack").GetProperty("version").GetString());
        Assert.Equal("dat", created.GetProperty("evaluation").GetProperty("outcome").GetProperty("id").GetString());
        Assert.Equal(64, created.GetProperty("evaluatedPackHash").GetString()!.Length);
        Assert.Null(created.PendingUnitId());
    }

    [Fact]
    public async Task Put_RetryWithSameContent_ReturnsSameRecord()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = Guid.NewGuid();
        var body = new { unitId = world.CommuneA1.Id, packId = Samples.CommunePack, year = 2031, data = Samples.ValidCommune };
        await (await client.PutSubmissionAsync(id, body)).ExpectAsync(HttpStatusCode.Created);

        var retry = await (await client.PutSubmissionAsync(id, body)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(id, retry.GetProperty("id").GetGuid());
        Assert.Equal(1, retry.Revision());
        Assert.Single(await client.ListIdsAsync($"?unitId={world.CommuneA1.Id}&year=2031"));
    }

    [Fact]
    public async Task Put_RetryWithOtherContent_Conflict()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = Guid.NewGuid();
        await (await client.PutSubmissionAsync(id, new { unitId = world.CommuneA1.Id, packId = Samples.CommunePack, year = 2032, data = Samples.ValidCommune }))
            .ExpectAsync(HttpStatusCode.Created);

        var other = await client.PutSubmissionAsync(id, new { unitId = world.CommuneA1.Id, packId = Samples.CommunePack, year = 2032, data = Samples.FailingCommune });

        await other.ExpectAsync(HttpStatusCode.Conflict);
        Assert.True(JsonElement.DeepEquals(Samples.ValidCommune, (await client.ReadSubmissionAsync(id)).GetProperty("data")));
    }

    [Fact]
    public async Task Put_SecondIdForSameUnitPackYear_Conflict()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var first = await client.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2033, Samples.ValidCommune);

        var second = await client.PutSubmissionAsync(Guid.NewGuid(), new { unitId = world.CommuneA1.Id, packId = Samples.CommunePack, year = 2033, data = Samples.ValidCommune });

        var problem = await second.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(first, problem.GetProperty("existingId").GetGuid());
    }

    [Fact]
    public async Task Put_PackNotForUnitKind_Unprocessable()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");

        var response = await client.PutSubmissionAsync(Guid.NewGuid(), new { unitId = world.CommuneA1.Id, packId = Samples.SchoolPack, year = 2030, data = Samples.ValidSchool });

        await response.ExpectAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Put_DataNotAnObject_BadRequest()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");

        var response = await client.PutSubmissionAsync(Guid.NewGuid(), new { unitId = world.CommuneA1.Id, packId = Samples.CommunePack, year = 2030, data = new[] { 1, 2 } });

        await response.ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Save_CurrentVersion_StoresDataAndEvaluation()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await client.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2034, Samples.ValidCommune);

        var saved = await (await client.PutSubmissionAsync(id, new { data = Samples.InvalidCommune, version = 1 })).ExpectAsync(HttpStatusCode.OK);

        // Invalid data is still a draft: saved, with the field errors in its evaluation.
        Assert.Equal(2, saved.Revision());
        Assert.Equal("draft", saved.Status());
        Assert.False(saved.GetProperty("valid").GetBoolean());
        Assert.Contains("/tc03/so_ca_nhan_bi_ky_luat", Paths(saved.GetProperty("errors")));
        var stored = await client.ReadSubmissionAsync(id);
        Assert.Contains("/tc03/so_ca_nhan_bi_ky_luat", Paths(stored.GetProperty("evaluation").GetProperty("errors")));
        Assert.Equal(-1, stored.GetProperty("data").GetProperty("tc03").GetProperty("so_ca_nhan_bi_ky_luat").GetInt32());
    }

    [Fact]
    public async Task Save_AnswersWithRevisionAndVerdictInBrief_NotTheWholeRecord()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await client.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2041, Samples.FailingCommune);

        var saved = await (await client.PutSubmissionAsync(id, new { data = Samples.ValidCommune, version = 1 })).ExpectAsync(HttpStatusCode.OK);

        // What autosave and the form need: the revision to save against next, and the verdict as the stored record has it.
        var stored = await client.ReadSubmissionAsync(id);
        Assert.Equal(id, saved.GetProperty("id").GetGuid());
        Assert.Equal(stored.Revision(), saved.Revision());
        Assert.Equal(stored.GetProperty("packVersion").GetString(), saved.GetProperty("packVersion").GetString()); // the load tool and a moved draft read it
        // The database may keep fewer fractional digits than the clock gave (SQLite: milliseconds).
        Assert.True((stored.GetProperty("updatedAt").GetDateTimeOffset() - saved.GetProperty("updatedAt").GetDateTimeOffset()).Duration() < TimeSpan.FromMilliseconds(1));
        Assert.True(saved.GetProperty("valid").GetBoolean());
        Assert.Equal(stored.GetProperty("outcomeId").GetString(), saved.GetProperty("outcome").GetProperty("id").GetString());
        Assert.True(JsonElement.DeepEquals(stored.GetProperty("evaluation").GetProperty("summary"), saved.GetProperty("summary")));
        Assert.Empty(saved.GetProperty("errors").EnumerateArray());
        // The record's data, full evaluation and review chain are one GET away, not rebuilt on every save.
        Assert.False(saved.TryGetProperty("data", out _));
        Assert.False(saved.TryGetProperty("evaluation", out _));
        Assert.False(saved.TryGetProperty("reviewChain", out _));
    }

    private static List<string?> Paths(JsonElement errors) => errors.EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();

    [Fact]
    public async Task Save_StaleVersion_ConflictAndStoredDataUnchanged()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await client.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2035, Samples.ValidCommune);
        await (await client.PutSubmissionAsync(id, new { data = Samples.FailingCommune, version = 1 })).ExpectAsync(HttpStatusCode.OK);

        var stale = await client.PutSubmissionAsync(id, new { data = Samples.InvalidCommune, version = 1 });

        var problem = await stale.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, problem.GetProperty("currentRevision").GetInt32());
        var stored = await client.ReadSubmissionAsync(id);
        Assert.Equal(2, stored.Revision());
        Assert.True(JsonElement.DeepEquals(Samples.FailingCommune, stored.GetProperty("data")));
    }

    [Fact]
    public async Task Save_RacingSavesOfSameVersion_OnlyOneWins()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await client.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2036, Samples.ValidCommune);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            client.PutSubmissionAsync(id, new { data = i % 2 == 0 ? Samples.FailingCommune : Samples.InvalidCommune, version = 1 })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(2, (await client.ReadSubmissionAsync(id)).Revision());
    }

    [Fact]
    public async Task Put_ConcurrentCreateRetries_OneRecord()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = Guid.NewGuid();
        var body = new { unitId = world.CommuneA1.Id, packId = Samples.CommunePack, year = 2040, data = Samples.ValidCommune };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PutSubmissionAsync(id, body)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal([id], await client.ListIdsAsync($"?unitId={world.CommuneA1.Id}&year=2040"));
    }

    [Fact]
    public async Task Save_AfterSubmit_ConflictInVietnamese()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await client.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2037, Samples.ValidCommune);
        await (await client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);

        var problem = await (await client.PutSubmissionAsync(id, new { data = Samples.FailingCommune, version = 2 })).ExpectAsync(HttpStatusCode.Conflict);

        Assert.StartsWith("Hồ sơ đang ở trạng thái", problem.GetProperty("detail").GetString());
        Assert.True(JsonElement.DeepEquals(Samples.ValidCommune, (await client.ReadSubmissionAsync(id)).GetProperty("data")));
    }

    [Fact]
    public async Task Move_UnknownVersion_NotFound()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await client.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2038, Samples.ValidCommune);

        var response = await client.ActAsync(id, "move", new { version = "9.9.9" });

        await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(PackZips.Tt124Version, (await client.ReadSubmissionAsync(id)).GetProperty("packVersion").GetString());
    }

    [Fact]
    public async Task Move_ToStoredButNeverActivatedVersion_Refused()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await client.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2039, Samples.ValidCommune);
        await factory.StoreCopyOfCommunePackAsync("1.0.1");

        var problem = await (await client.ActAsync(id, "move", new { version = "1.0.1" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains($"phiên bản đang áp dụng ({PackZips.Tt124Version})", problem.GetProperty("detail").GetString());
        var stored = await client.ReadSubmissionAsync(id);
        Assert.Equal(PackZips.Tt124Version, stored.GetProperty("packVersion").GetString());
        Assert.Equal(1, stored.Revision());
    }
}
