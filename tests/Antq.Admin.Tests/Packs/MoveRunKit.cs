using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Units;

namespace Antq.Admin.Tests.Packs;

/// <summary>An activation answers before its dossiers have moved (issue 19): tests that assert moved dossiers wait for its run.</summary>
public static class MoveRunKit
{
    /// <summary>Activates <paramref name="version"/> (200 expected) and waits until the run moving the pack's dossiers has finished; the run is null when none had to move.</summary>
    public static async Task<(JsonElement Activation, JsonElement? Run)> ActivateAndMoveAsync(HttpClient admin, string packId, string version)
    {
        var activation = await (await admin.PostAsJsonAsync($"/api/packs/{packId}/versions/{version}/activate", new { })).ExpectAsync(HttpStatusCode.OK);
        return activation.GetProperty("moveRun") is { ValueKind: JsonValueKind.Object } run
            ? (activation, await FinishedAsync(admin, run.Str("location")))
            : (activation, null);
    }

    /// <summary>Reads the run until it has finished (bounded: a stuck run fails the test instead of hanging it).</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient admin, string location)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var run = await admin.GetFromJsonAsync<JsonElement>(location);
            if (run.Str("status") is "done" or "failed" or "superseded") return run;
            Assert.Contains(run.Str("status"), new[] { "queued", "running" });
            Assert.InRange(run.Int("done"), 0, run.Int("total"));
            await Task.Delay(50);
        }
        throw new TimeoutException($"The move run {location} did not finish.");
    }
}
