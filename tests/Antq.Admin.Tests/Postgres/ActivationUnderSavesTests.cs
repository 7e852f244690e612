using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Features.Packs;
using Antq.Admin.Tests.Packs;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Postgres;

/// <summary>
/// An activation while the pack's units keep saving their drafts (bench/two-instances.sh found it refused with 409
/// again and again while it moved the drafts in its own transaction): it goes through at the first attempt and its run
/// moves every draft; the saves a move overtakes get the 409 of a moved draft, and after re-reading the units save on the
/// new version. PostgreSQL run only: two processes' connections contend for the rows there (the SQLite run of the same
/// race is <c>MoveRunTests</c>).
/// </summary>
public sealed class ActivationUnderSavesTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Activate_WhileUnitsSaveTheirDrafts_FirstAttemptSucceedsAndMovesThem_PostgresRunOnly()
    {
        if (!TestDatabase.IsPostgres) return;

        var world = await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var units = new[] { ("xa-a1@test.vn", world.CommuneA1), ("xa-a2@test.vn", world.CommuneA2), ("xa-b1@test.vn", world.CommuneB1) };
        var data = JsonSerializer.SerializeToElement(PackZips.Tt124DataWithRecognised(72));
        var writers = new List<(HttpClient Client, Guid Id)>();
        foreach (var (email, unit) in units)
        {
            var client = await TestWorld.LoginAsync(factory, email);
            writers.Add((client, await client.CreateSubmissionAsync(unit, PackZips.Tt124, 2025, data)));
        }
        var active = await factory.WithServicesAsync(async s => (await s.GetRequiredService<PackCatalog>().ActiveVersionAsync(PackZips.Tt124))!);
        var next = $"{active.Split('.')[0]}.{active.Split('.')[1]}.{int.Parse(active.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture) + 50}";
        Assert.Equal(HttpStatusCode.Created, (await PackZips.UploadAsync(admin, PackZips.Zip(PackZips.Tt124Revision(next, 75)))).StatusCode);

        // Each unit saves in a closed loop, as autosave does while someone types; a 409 makes it re-read its revision.
        using var stop = new CancellationTokenSource();
        var saved = new int[writers.Count];
        var loops = writers.Select((w, i) => Task.Run(async () =>
        {
            var revision = (await w.Client.ReadSubmissionAsync(w.Id)).Revision();
            var unexpected = new List<string>();
            while (!stop.IsCancellationRequested)
            {
                var response = await w.Client.PutSubmissionAsync(w.Id, new { data, version = revision });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    revision = (await response.Content.ReadFromJsonAsync<JsonElement>()).Revision();
                    Interlocked.Increment(ref saved[i]);
                }
                else if (response.StatusCode == HttpStatusCode.Conflict) revision = (await w.Client.ReadSubmissionAsync(w.Id)).Revision();
                else unexpected.Add($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            return unexpected;
        })).ToList();
        int Saved() => Enumerable.Range(0, saved.Length).Sum(i => Volatile.Read(ref saved[i]));
        // Bounded waits only (a broken save path must fail the test, not hang it).
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (Enumerable.Range(0, saved.Length).Any(i => Volatile.Read(ref saved[i]) < 3) && DateTime.UtcNow < giveUp) await Task.Delay(20); // every unit is saving

        var activation = await admin.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/versions/{next}/activate", new { });
        var answer = await activation.Content.ReadAsStringAsync();
        Assert.True(activation.StatusCode == HttpStatusCode.OK, $"{activation.StatusCode}: {answer}");
        var run = await MoveRunKit.FinishedAsync(admin, JsonDocument.Parse(answer).RootElement.GetProperty("moveRun").GetProperty("location").GetString()!);
        var before = Saved();
        while (Saved() < before + 3 * writers.Count && DateTime.UtcNow < giveUp) await Task.Delay(20); // and they go on saving after it
        await stop.CancelAsync();
        var failures = (await Task.WhenAll(loops)).SelectMany(f => f).ToList();

        Assert.True(JsonDocument.Parse(answer).RootElement.GetProperty("dossiersToMove").GetInt32() >= writers.Count);
        Assert.Equal("done", run.GetProperty("status").GetString());
        Assert.Empty(failures);
        foreach (var (client, id) in writers)
            Assert.Equal(next, (await client.ReadSubmissionAsync(id)).GetProperty("packVersion").GetString());
    }
}
