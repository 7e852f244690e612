using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Packs.Moves;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Antq.Admin.Tests.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Packs;

/// <summary>
/// Issue 19: an activation commits the switch and answers; the pack's drafts and returned dossiers then move in batches
/// (ANTQ_MOVE_BATCH, 2 here) by a run recorded in the database, each move guarded by the dossier's revision. Own factory
/// per test: each activates versions of tt124.xa.
/// </summary>
public sealed class MoveRunTests : IDisposable
{
    private const int Extra = 24;
    private readonly AntqApiFactory _factory = new() { Settings = { ["ANTQ_MOVE_BATCH"] = "2" } };

    public void Dispose() => _factory.Dispose();

    private sealed record Arranged(HttpClient Admin, List<(HttpClient Client, Guid Id)> Units, List<Guid> Drafts);

    /// <summary>Drafts for the three communes with accounts and <see cref="Extra"/> more without, one sent dossier, and the next version uploaded.</summary>
    private async Task<Arranged> ArrangeAsync(AntqApiFactory factory)
    {
        var world = await factory.WorldAsync();
        var drafts = new List<Guid>();
        var units = new List<(HttpClient, Guid)>();
        foreach (var (email, unit) in new[] { ("xa-a1@test.vn", world.CommuneA1), ("xa-a2@test.vn", world.CommuneA2), ("xa-b1@test.vn", world.CommuneB1) })
        {
            var id = await PackImpactTests.StoreSubmissionAsync(factory, unit, PackZips.Tt124DataWithRecognised(72), SubmissionStatus.Draft);
            units.Add((await TestWorld.LoginAsync(factory, email), id));
            drafts.Add(id);
        }
        var communes = await PackImpactTests.AddCommunesAsync(factory, world, Extra + 1, "CD");
        foreach (var commune in communes.Take(Extra))
            drafts.Add(await PackImpactTests.StoreSubmissionAsync(factory, commune, PackZips.Tt124DataWithRecognised(72),
                drafts.Count % 5 == 0 ? SubmissionStatus.Returned : SubmissionStatus.Draft));
        await PackImpactTests.StoreSubmissionAsync(factory, communes[^1], PackZips.Tt124DataWithRecognised(80)); // sent: pinned, never moved
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        Assert.Equal(HttpStatusCode.Created, (await PackZips.UploadAsync(admin, PackZips.Zip(PackZips.Tt124Revision(PackZips.Tt124Next, 75)))).StatusCode);
        return new Arranged(admin, units, drafts);
    }

    [Fact]
    public async Task Activation_AnswersBeforeTheMoves_ThenEveryDraftMovesOnce_AuditedAndNotifiedOnce()
    {
        var arranged = await ArrangeAsync(_factory);

        var activation = await (await arranged.Admin.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Next}/activate", new { }))
            .ExpectAsync(HttpStatusCode.OK);

        // The answer is written when the switch has committed, before any runner took the run.
        Assert.Equal(PackZips.Tt124Next, activation.Str("activeVersion"));
        Assert.Equal(arranged.Drafts.Count, activation.Int("dossiersToMove"));
        var started = activation.GetProperty("moveRun");
        Assert.Equal("queued", started.Str("status"));
        Assert.Equal((0, arranged.Drafts.Count), (started.Int("done"), started.Int("total")));
        Assert.Equal($"/api/packs/{PackZips.Tt124}/move-runs/{started.Str("id")}", started.Str("location"));

        var run = await MoveRunKit.FinishedAsync(arranged.Admin, started.Str("location"));
        Assert.Equal("done", run.Str("status"));
        Assert.Equal((arranged.Drafts.Count, arranged.Drafts.Count), (run.Int("done"), run.Int("total")));
        var versions = await VersionsAsync(_factory);
        Assert.All(arranged.Drafts, id => Assert.Equal(PackZips.Tt124Next, versions[id]));
        Assert.Equal(PackZips.Tt124Version, Assert.Single(versions, v => !arranged.Drafts.Contains(v.Key)).Value); // the sent one stays
        var moves = await MovesAsync(_factory);
        Assert.All(arranged.Drafts, id => Assert.Single(moves, m => m.SubmissionId == id));
        var notices = await NoticesAsync(_factory);
        Assert.All(arranged.Units, u => Assert.Single(notices, n => n.EventKey!.StartsWith($"submission/{u.Id:N}/", StringComparison.Ordinal)));
        Assert.All(notices.GroupBy(n => (n.EventKey, n.RecipientId)), g => Assert.Single(g));
        // The unit reads it on the new version, re-evaluated (72 % fails the new 75 % rule).
        var (client, draft) = arranged.Units[0];
        var read = await client.ReadSubmissionAsync(draft);
        Assert.Equal(PackZips.Tt124Next, read.GetProperty("packVersion").GetString());
        Assert.Equal("chua-dat", read.GetProperty("outcomeId").GetString());
    }

    [Fact]
    public async Task SavesRacingTheRun_AreNeverLost_And409sOnlyAnswerARevisionThatWasStale()
    {
        var arranged = await ArrangeAsync(_factory);
        using var stop = new CancellationTokenSource();
        var loops = arranged.Units.Select(u => Task.Run(() => SaveLoopAsync(u.Client, u.Id, stop.Token))).ToList();
        await Task.Delay(200); // every unit is saving

        var activation = await (await arranged.Admin.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Next}/activate", new { }))
            .ExpectAsync(HttpStatusCode.OK);
        var run = await MoveRunKit.FinishedAsync(arranged.Admin, activation.GetProperty("moveRun").Str("location"));
        await Task.Delay(200); // and they go on saving on the new version
        await stop.CancelAsync();
        var writers = await Task.WhenAll(loops);

        Assert.Equal("done", run.Str("status"));
        var moves = await MovesAsync(_factory);
        foreach (var ((client, id), writer) in arranged.Units.Zip(writers))
        {
            Assert.Empty(writer.Unexpected);
            Assert.True(writer.Saved > 0);
            Assert.All(writer.StaleRevisions, stale => Assert.True(stale.Current > stale.Sent, $"409 for revision {stale.Sent} while the dossier was at {stale.Current}"));
            Assert.InRange(writer.StaleRevisions.Count, 0, 1); // at most the one move overtook a save
            var read = await client.ReadSubmissionAsync(id);
            Assert.Equal(PackZips.Tt124Next, read.GetProperty("packVersion").GetString());
            Assert.Equal(writer.LastAcknowledged, read.GetProperty("data").GetProperty("tc04").GetProperty("co_quan").GetProperty("tong_so").GetInt32()); // 0 lost
            Assert.Equal(writer.LastRevision, read.Revision());
            Assert.Single(moves, m => m.SubmissionId == id);
        }
        Assert.All(arranged.Drafts, id => Assert.Single(moves, m => m.SubmissionId == id));
    }

    [Fact]
    public async Task Rollback_WhileTheRunMoves_StopsItAndLeavesEveryDossierOnTheActiveVersion()
    {
        var arranged = await ArrangeAsync(_factory);
        var first = await (await arranged.Admin.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Next}/activate", new { }))
            .ExpectAsync(HttpStatusCode.OK);
        var firstRun = first.GetProperty("moveRun").Str("location");
        for (var i = 0; i < 400 && (await arranged.Admin.GetFromJsonAsync<JsonElement>(firstRun)).Int("done") == 0; i++) await Task.Delay(5);

        var (rollback, back) = await MoveRunKit.ActivateAndMoveAsync(arranged.Admin, PackZips.Tt124, PackZips.Tt124Version);

        Assert.Equal(PackZips.Tt124Version, rollback.Str("activeVersion"));
        var stopped = await arranged.Admin.GetFromJsonAsync<JsonElement>(firstRun);
        Assert.Contains(stopped.Str("status"), new[] { "superseded", "done" });
        if (back is { } run) Assert.Equal("done", run.Str("status"));
        var versions = await VersionsAsync(_factory);
        Assert.All(arranged.Drafts, id => Assert.Equal(PackZips.Tt124Version, versions[id]));
        // Each dossier moved there and back, or not at all: never twice the same way.
        var moves = await MovesAsync(_factory);
        Assert.All(arranged.Drafts, id =>
        {
            var mine = moves.Where(m => m.SubmissionId == id).Select(m => m.To).ToList();
            Assert.True(mine.Count == 0 || mine.SequenceEqual([PackZips.Tt124Next, PackZips.Tt124Version]), string.Join(", ", mine));
        });
    }

    [Fact]
    public async Task RunLeftRunningWithAnOldHeartbeat_IsTakenOver_AndAFreshOneIsNot()
    {
        var arranged = await ArrangeAsync(_factory);
        var runId = Guid.NewGuid();
        // An instance switched the pointer, took the run and died: the run says "running" and has been silent for ten minutes.
        await _factory.WithServicesAsync(async s =>
        {
            Assert.NotNull(await s.GetRequiredService<PackRegistry>().ActivateAsync(PackZips.Tt124, PackZips.Tt124Next, "test"));
            var db = s.GetRequiredService<AntqDbContext>();
            var admin = await db.Users.SingleAsync(u => u.Email == "admin@test.vn");
            db.MoveRuns.Add(new MoveRun
            {
                Id = runId, PackId = PackZips.Tt124, Version = PackZips.Tt124Next, FromVersion = PackZips.Tt124Version,
                RequestedById = admin.Id, RequestedByName = admin.DisplayName, RequestedByUnitId = admin.UnitId,
                RequestedAt = DateTimeOffset.UtcNow.AddMinutes(-11), Status = MoveRunStatus.Running, Claim = Guid.NewGuid(),
                HeartbeatAt = DateTimeOffset.UtcNow.AddSeconds(-30), Total = arranged.Drafts.Count,
            });
            await db.SaveChangesAsync();
        });
        Assert.Equal(0, await ResumeAsync(_factory)); // heard from 30 s ago: still working

        await _factory.WithServicesAsync(s => s.GetRequiredService<AntqDbContext>().MoveRuns.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.HeartbeatAt, DateTimeOffset.UtcNow.AddMinutes(-10))));
        Assert.Equal(1, await ResumeAsync(_factory));

        var run = await MoveRunKit.FinishedAsync(arranged.Admin, $"/api/packs/{PackZips.Tt124}/move-runs/{runId}");
        Assert.Equal("done", run.Str("status"));
        Assert.Equal(arranged.Drafts.Count, run.Int("done"));
        var versions = await VersionsAsync(_factory);
        Assert.All(arranged.Drafts, id => Assert.Equal(PackZips.Tt124Next, versions[id]));
        var moves = await MovesAsync(_factory);
        Assert.All(arranged.Drafts, id => Assert.Single(moves, m => m.SubmissionId == id));
        Assert.Equal(0, await ResumeAsync(_factory)); // finished: nothing to take over
    }

    [Fact]
    public async Task TwoInstances_BothMovingTheSameRun_MoveAndNotifyEachDossierOnce_PostgresRunOnly()
    {
        if (!TestDatabase.IsPostgres) return; // needs a database two processes can share: the PostgreSQL run covers it
        var arranged = await ArrangeAsync(_factory);
        using var second = _factory.SecondInstance();
        _ = second.Services; // started, with its own runners

        var activation = await (await arranged.Admin.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Next}/activate", new { }))
            .ExpectAsync(HttpStatusCode.OK);
        var runId = Guid.Parse(activation.GetProperty("moveRun").Str("id"));
        // Instance B takes the run over while instance A is still moving it (as if A had looked silent): for a while both move.
        for (var i = 0; i < 400 && await _factory.WithServicesAsync(s => s.GetRequiredService<AntqDbContext>().MoveRuns.AnyAsync(r => r.Id == runId && r.Done == 0)); i++)
            await Task.Delay(5);
        await _factory.WithServicesAsync(s => s.GetRequiredService<AntqDbContext>().MoveRuns.Where(r => r.Id == runId && r.Status == MoveRunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.HeartbeatAt, DateTimeOffset.UtcNow.AddMinutes(-10))));
        await ResumeAsync(second);

        var adminB = await TestWorld.LoginAsync(second, "admin@test.vn");
        var run = await MoveRunKit.FinishedAsync(adminB, activation.GetProperty("moveRun").Str("location"));
        Assert.Equal("done", run.Str("status"));
        var versions = await VersionsAsync(_factory);
        Assert.All(arranged.Drafts, id => Assert.Equal(PackZips.Tt124Next, versions[id]));
        var moves = await MovesAsync(_factory);
        Assert.All(arranged.Drafts, id => Assert.Single(moves, m => m.SubmissionId == id));
        var notices = await NoticesAsync(_factory);
        Assert.All(arranged.Units, u => Assert.Single(notices, n => n.EventKey!.StartsWith($"submission/{u.Id:N}/", StringComparison.Ordinal)));
    }

    private sealed record Writer(int Saved, int LastAcknowledged, int LastRevision, List<(int Sent, int Current)> StaleRevisions, List<string> Unexpected);

    /// <summary>A unit autosaving in a closed loop, each save with a new count of agencies; a 409 makes it re-read its revision.</summary>
    private static async Task<Writer> SaveLoopAsync(HttpClient client, Guid id, CancellationToken stop)
    {
        var revision = (await client.ReadSubmissionAsync(id)).Revision();
        var (saved, acknowledged, stale, unexpected) = (0, 0, new List<(int, int)>(), new List<string>());
        for (var count = 101; !stop.IsCancellationRequested; count++)
        {
            var data = PackZips.Tt124DataWithRecognised(72);
            data["tc04"]!["co_quan"] = new JsonObject { ["tong_so"] = count, ["so_dang_ky"] = count, ["so_duoc_cong_nhan"] = 72 };
            var response = await client.PutSubmissionAsync(id, new { data, version = revision });
            if (response.StatusCode == HttpStatusCode.OK)
            {
                revision = (await response.Content.ReadFromJsonAsync<JsonElement>()).Revision();
                (saved, acknowledged) = (saved + 1, count);
            }
            else if (response.StatusCode == HttpStatusCode.Conflict)
            {
                var current = (await client.ReadSubmissionAsync(id)).Revision();
                stale.Add((revision, current));
                revision = current;
            }
            else unexpected.Add($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return new Writer(saved, acknowledged, revision, stale, unexpected);
    }

    private static Task<int> ResumeAsync(AntqApiFactory factory) =>
        factory.WithServicesAsync(s => s.GetRequiredService<MoveRuns>().ResumeAbandonedAsync(CancellationToken.None));

    private static Task<Dictionary<Guid, string>> VersionsAsync(AntqApiFactory factory) =>
        factory.WithServicesAsync(s => s.GetRequiredService<AntqDbContext>().Submissions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.PackVersion));

    private sealed record Move(Guid? SubmissionId, string To);

    /// <summary>The <c>submission.moved</c> audit rows, oldest first, with the version each moved to.</summary>
    private static Task<List<Move>> MovesAsync(AntqApiFactory factory) =>
        factory.WithServicesAsync(async s => (await s.GetRequiredService<AntqDbContext>().AuditEntries.AsNoTracking()
                .Where(a => a.Action == SubmissionAudit.Moved).OrderBy(a => a.Id).Select(a => new { a.SubmissionId, a.DetailsJson }).ToListAsync())
            .Select(a => new Move(a.SubmissionId, JsonDocument.Parse(a.DetailsJson).RootElement.GetProperty("toVersion").GetString()!)).ToList());

    private static Task<List<Notification>> NoticesAsync(AntqApiFactory factory) =>
        factory.WithServicesAsync(s => s.GetRequiredService<AntqDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKinds.VersionMoved).ToListAsync());
}
