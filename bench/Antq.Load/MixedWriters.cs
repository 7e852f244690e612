using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antq.Load;

/// <summary>
/// The units of `--phase mixed`: W units with an account and a draft each. A save arrival takes a writer that is not
/// saving (a unit's saves are sequential: each carries the revision it holds); a page view reads a random writer's
/// dossier. Afterwards <see cref="CheckAsync"/> finds every acknowledged save in the audit trail (written in the save's
/// transaction) and each dossier's data at its last acknowledged save.
/// </summary>
public sealed class MixedWriters
{
    private sealed class Writer
    {
        public required int Index { get; init; }
        public required int UnitId { get; init; }
        public required string Token { get; init; }
        public Guid SubmissionId { get; } = Guid.NewGuid();
        public int Revision { get; set; }
        public string PackVersion { get; set; } = "";
        public JsonObject Data { get; set; } = new();
        public int Saves { get; set; }
        public List<(int Revision, string Marker)> Acknowledged { get; } = [];
    }

    private readonly Writer[] _writers;
    private readonly ConcurrentQueue<Writer> _idle;
    private readonly LoadOptions _options;
    private readonly string _run;
    private readonly int _year;
    private int _movedConflicts;

    private MixedWriters(Writer[] writers, LoadOptions options, string run, int year)
    {
        _writers = writers;
        _idle = new ConcurrentQueue<Writer>(writers);
        _options = options;
        _run = run;
        _year = year;
    }

    /// <summary>Saves refused with 409 because the activation had just moved the draft to the new version (ADR 0010): the unit re-reads.</summary>
    public int MovedConflicts => Volatile.Read(ref _movedConflicts);

    public static async Task<MixedWriters> CreateAsync(Api api, string adminToken, LoadOptions options, string unitKind, int year, JsonObject data)
    {
        var run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        var password = $"Mixed-{run}-Aa1";
        var rootId = (await api.CallAsync(HttpMethod.Get, "/api/auth/me", adminToken)).GetProperty("unitId").GetInt32();
        var writers = new Writer[options.Writers];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Writers), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var account = await LoadUnits.CreateAsync(api, adminToken, rootId, "mixed", "tải hỗn hợp", run, i, unitKind, password);
            var writer = new Writer { Index = i, UnitId = account.UnitId, Token = account.Token };
            writer.Data = (JsonObject)data.DeepClone();
            CaseData.SetString(writer.Data, options.MarkerPath, $"mixed {run} writer {i} created");
            var created = await api.CallAsync(HttpMethod.Put, $"/api/submissions/{writer.SubmissionId}", writer.Token,
                new { unitId = writer.UnitId, packId = options.PackId, year, data = writer.Data });
            writer.Revision = created.GetProperty("revision").GetInt32();
            writer.PackVersion = created.GetProperty("packVersion").GetString()!;
            writers[i] = writer;
        });
        return new MixedWriters(writers, options, run, year);
    }

    /// <summary>One save by a writer that is not saving; not sent when every writer is busy.</summary>
    public async Task<Outcome> SaveNextAsync(Api api)
    {
        if (!_idle.TryDequeue(out var writer)) return Outcome.NotSent;
        try
        {
            return await SaveAsync(api, writer);
        }
        finally
        {
            _idle.Enqueue(writer);
        }
    }

    private async Task<Outcome> SaveAsync(Api api, Writer writer)
    {
        var path = $"/api/submissions/{writer.SubmissionId}";
        var marker = $"mixed {_run} writer {writer.Index} save {++writer.Saves}";
        CaseData.SetString(writer.Data, _options.MarkerPath, marker);
        var body = Api.Serialize(new { unitId = writer.UnitId, packId = _options.PackId, year = _year, data = writer.Data, version = writer.Revision });
        Outcome outcome;
        try
        {
            using var response = await api.SendAsync(HttpMethod.Put, path, writer.Token, body);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                await using var stream = await response.Content.ReadAsStreamAsync();
                using var json = await JsonDocument.ParseAsync(stream);
                writer.Revision = json.RootElement.GetProperty("revision").GetInt32();
                writer.PackVersion = json.RootElement.GetProperty("packVersion").GetString()!;
                writer.Acknowledged.Add((writer.Revision, marker));
                return Outcome.Ok;
            }
            await response.Content.CopyToAsync(Stream.Null);
            outcome = Outcome.Failed($"HTTP {(int)response.StatusCode}");
        }
        catch (TaskCanceledException) { outcome = Outcome.Failed("timeout"); }
        catch (HttpRequestException e) { outcome = Outcome.Failed("connection: " + e.HttpRequestError); }
        // Not acknowledged: the save may or may not have happened. Read the revision back, as the form does.
        try
        {
            var record = await api.CallAsync(HttpMethod.Get, path, writer.Token);
            var moved = record.GetProperty("packVersion").GetString() != writer.PackVersion;
            writer.Revision = record.GetProperty("revision").GetInt32();
            writer.PackVersion = record.GetProperty("packVersion").GetString()!;
            if (moved && outcome.Failure == "HTTP 409")
            {
                Interlocked.Increment(ref _movedConflicts);
                return Outcome.Expected;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or LoadSetupException)
        {
            // The next save of this writer will tell (a 409 is then counted as a failure).
        }
        return outcome;
    }

    /// <summary>A unit's page view: its dossier.</summary>
    public Task<Outcome> ReadOneAsync(Api api)
    {
        var writer = _writers[Random.Shared.Next(_writers.Length)];
        return MixedLoad.Send(api, HttpMethod.Get, $"/api/submissions/{writer.SubmissionId}", writer.Token);
    }

    public sealed record Check(int Acknowledged, int Found, int Lost, int WrongFinal);

    /// <summary>
    /// Every acknowledged revision has its "submission.saved" audit row, and the stored data is the last acknowledged
    /// save's (unless a later save whose answer was lost, e.g. at a kill, was stored: then its audit row is there).
    /// </summary>
    public async Task<Check> CheckAsync(Api api, TextWriter log)
    {
        int found = 0, lost = 0, wrongFinal = 0;
        foreach (var writer in _writers)
        {
            var record = await api.CallAsync(HttpMethod.Get, $"/api/submissions/{writer.SubmissionId}", writer.Token);
            var saved = await AuditTrail.SavedRevisionsAsync(api, writer.SubmissionId, writer.Token);
            foreach (var (revision, _) in writer.Acknowledged)
                if (saved.Contains(revision)) found++;
                else lost++;
            if (writer.Acknowledged.Count == 0) continue;
            var (last, marker) = writer.Acknowledged[^1];
            var stored = CaseData.GetString(record.GetProperty("data"), _options.MarkerPath);
            if (stored != marker && !saved.Any(r => r > last))
            {
                wrongFinal++;
                log.WriteLine($"  writer {writer.Index}: last acknowledged revision {last} '{marker}', stored revision {record.GetProperty("revision").GetInt32()} '{stored}'");
            }
        }
        return new Check(_writers.Sum(w => w.Acknowledged.Count), found, lost, wrongFinal);
    }
}
