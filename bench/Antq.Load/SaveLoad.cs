using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antq.Load;

public sealed record SaveReport(Summary Summary, int Writers, int Acknowledged, int AuditEntriesFound, int LostSaves, int WrongFinalState);

/// <summary>
/// (b) W writers, each with its own unit, account and submission, save drafts (PUT
/// /api/submissions/{id} with the revision they hold) in closed loops; then every submission is read
/// back: its revision and data must be the last acknowledged save's, and every acknowledged revision
/// must have its "submission.saved" audit entry (written in the same transaction as the save).
/// </summary>
public static class SaveLoad
{
    private sealed class Writer
    {
        public required int Index { get; init; }
        public required int UnitId { get; init; }
        public required string Email { get; init; }
        public string Token { get; set; } = "";
        public Guid SubmissionId { get; } = Guid.NewGuid();
        public int Revision { get; set; }
        public JsonObject Data { get; set; } = new();
        public List<(int Revision, string Marker)> Acknowledged { get; } = [];
        public Latencies Timings { get; } = new();
    }

    public static async Task<SaveReport> RunAsync(Api api, string adminToken, LoadOptions options, string unitKind, int year, JsonObject data, TextWriter log)
    {
        var run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        var password = $"Load-{run}-Aa1";
        var me = await api.CallAsync(HttpMethod.Get, "/api/auth/me", adminToken);
        var rootId = me.GetProperty("unitId").GetInt32();

        log.WriteLine($"  set-up: {options.Writers} units and unit accounts (run {run}) under unit {rootId}…");
        var setup = Stopwatch.StartNew();
        var writers = new Writer[options.Writers];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Writers), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var account = await LoadUnits.CreateAsync(api, adminToken, rootId, "load", "tải thử", run, i, unitKind, password);
            var writer = new Writer { Index = i, UnitId = account.UnitId, Email = account.Email, Token = account.Token };
            writer.Data = (JsonObject)data.DeepClone();
            CaseData.SetString(writer.Data, options.MarkerPath, $"load {run} writer {i} created");
            var created = await api.CallAsync(HttpMethod.Put, $"/api/submissions/{writer.SubmissionId}", writer.Token,
                new { unitId = writer.UnitId, packId = options.PackId, year, data = writer.Data });
            writer.Revision = created.GetProperty("revision").GetInt32();
            writers[i] = writer;
        });
        log.WriteLine($"  set-up done in {setup.Elapsed.TotalSeconds:F1} s; saving for {options.SaveSeconds} s…");

        var window = TimeSpan.FromSeconds(options.SaveSeconds);
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(window.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(writers.Select(w => Task.Run(() => WriteLoopAsync(api, options, run, year, w, stopAt))));
        var summary = Latencies.Merge(writers.Select(w => w.Timings), Stopwatch.GetElapsedTime(started));

        log.WriteLine("  checking every acknowledged save through GET…");
        int found = 0, lost = 0, wrongFinal = 0;
        foreach (var writer in writers)
        {
            var record = await api.CallAsync(HttpMethod.Get, $"/api/submissions/{writer.SubmissionId}", writer.Token);
            if (writer.Acknowledged.Count > 0)
            {
                var (revision, marker) = writer.Acknowledged[^1];
                var storedMarker = CaseData.GetString(record.GetProperty("data"), options.MarkerPath);
                if (record.GetProperty("revision").GetInt32() != revision || storedMarker != marker)
                {
                    wrongFinal++;
                    log.WriteLine($"  writer {writer.Index}: last acknowledged revision {revision} '{marker}', stored {record.GetProperty("revision").GetInt32()} '{storedMarker}'");
                }
            }
            var saved = await AuditTrail.SavedRevisionsAsync(api, writer.SubmissionId, writer.Token);
            foreach (var (revision, _) in writer.Acknowledged)
                if (saved.Contains(revision)) found++;
                else lost++;
        }
        return new SaveReport(summary, writers.Length, writers.Sum(w => w.Acknowledged.Count), found, lost, wrongFinal);
    }

    private static async Task WriteLoopAsync(Api api, LoadOptions options, string run, int year, Writer writer, long stopAt)
    {
        var path = $"/api/submissions/{writer.SubmissionId}";
        var n = 0;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var marker = $"load {run} writer {writer.Index} save {++n}";
            CaseData.SetString(writer.Data, options.MarkerPath, marker);
            var body = Api.Serialize(new { unitId = writer.UnitId, packId = options.PackId, year, data = writer.Data, version = writer.Revision });
            var t = Latencies.Start();
            try
            {
                using var response = await api.SendAsync(HttpMethod.Put, path, writer.Token, body);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await using var stream = await response.Content.ReadAsStreamAsync();
                    using var json = await JsonDocument.ParseAsync(stream);
                    writer.Timings.Success(t);
                    writer.Revision = json.RootElement.GetProperty("revision").GetInt32();
                    writer.Acknowledged.Add((writer.Revision, marker));
                    continue;
                }
                writer.Timings.Error($"HTTP {(int)response.StatusCode}");
            }
            catch (TaskCanceledException) { writer.Timings.Error("timeout"); }
            catch (HttpRequestException e) { writer.Timings.Error("connection: " + e.HttpRequestError); }
            // Not acknowledged: the save may or may not have happened. Read the revision back and go on.
            try
            {
                writer.Revision = (await api.CallAsync(HttpMethod.Get, path, writer.Token)).GetProperty("revision").GetInt32();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or LoadSetupException)
            {
                writer.Timings.Error("re-read failed");
            }
        }
    }
}
