using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.TestKit;

namespace Antq.Load;

/// <summary>
/// The pack activation in the middle of `--phase mixed`: a copy of the shipped pack folder with the patch version above
/// the active one, uploaded and activated through the proxy as an administrator would, then every instance of
/// <c>--instances</c> polled directly until it reports the new active version, and the run moving the pack's drafts
/// (which goes on after the activation has answered) followed until it ends.
/// </summary>
public static class PackRollout
{
    /// <summary>
    /// <paramref name="ActivatedAt"/>: into the run; <paramref name="SeenAfter"/>: per instance, how long after the activation
    /// (or after the instance answered again, if it was down then: a restart reads the pointer afresh) it reported the version;
    /// <paramref name="ToMove"/>: the drafts and returned dossiers the activation's answer said it would move, <paramref name="Move"/>
    /// how that run ended (null when there was nothing to move).
    /// </summary>
    public sealed record Report(string Version, bool Activated, int Attempts, int ToMove, TimeSpan ActivatedAt, IReadOnlyList<(string Instance, TimeSpan? Seen)> SeenAfter,
        MoveOutcome? Move = null);

    /// <summary>The end of the run moving the drafts: its status (<c>done</c> unless something went wrong, or <c>unfinished</c> when it did not end in time), dossiers moved, and when it ended after the activation's answer.</summary>
    public sealed record MoveOutcome(string Status, int Moved, int Total, TimeSpan? EndedAfter);

    public static async Task<Report> RunAsync(Api api, string adminToken, LoadOptions options, byte[] evaluateBody, Stopwatch run, TextWriter log)
    {
        using var http = Api.CreateClient(options);
        var active = await ActiveVersionAsync(api, adminToken, options.PackId) ?? throw new LoadSetupException($"pack {options.PackId} has no active version");
        var version = NextPatch(active);
        var archive = Archive(options.PackId, version);
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(archive);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(file, "file", $"{options.PackId}-{version}.zip");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/packs") { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var uploaded = await http.SendAsync(request);
            if (uploaded.StatusCode != HttpStatusCode.Created)
                throw new LoadSetupException($"upload of {options.PackId} {version}: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
        }
        log.WriteLine($"  [rollout] {options.PackId} {version} uploaded; activating…");

        // The activation only swaps the pointer (the drafts move after it, ADR 0010); a 409 now means another activation of the
        // pack raced it, and trying again is what an administrator would do.
        var path = $"/api/packs/{Uri.EscapeDataString(options.PackId)}/versions/{Uri.EscapeDataString(version)}/activate";
        var attempts = 0;
        JsonElement? done = null;
        var giveUp = Stopwatch.StartNew();
        while (done is null && giveUp.Elapsed < TimeSpan.FromSeconds(60))
        {
            attempts++;
            using var response = await api.SendAsync(HttpMethod.Post, path, adminToken);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK) done = JsonDocument.Parse(text).RootElement.Clone();
            else if (response.StatusCode == HttpStatusCode.Conflict) await Task.Delay(Random.Shared.Next(50, 250));
            else throw new LoadSetupException($"POST {path}: {(int)response.StatusCode} {text}");
        }
        if (done is not { } activation)
        {
            log.WriteLine($"  [rollout] activation refused with 409 {attempts} times in 60 s");
            return new Report(version, false, attempts, 0, run.Elapsed, []);
        }
        var activatedAt = Stopwatch.StartNew();
        var at = run.Elapsed;
        var toMove = activation.GetProperty("dossiersToMove").GetInt32();
        log.WriteLine($"  [rollout] {version} active at {at.TotalSeconds:F1} s after {attempts} attempt(s), {toMove} drafts to move in the background; polling each instance…");
        var move = activation.GetProperty("moveRun") is { ValueKind: JsonValueKind.Object } started
            ? FollowMoveAsync(api, adminToken, started.GetProperty("location").GetString()!, activatedAt, log)
            : Task.FromResult<MoveOutcome?>(null);

        var seen = await Task.WhenAll(options.Instances.Select(async instance =>
        {
            TimeSpan? answering = null; // since when the instance answers (it may be restarting)
            while (activatedAt.Elapsed < TimeSpan.FromSeconds(options.CacheSeconds + 120))
            {
                var polled = activatedAt.Elapsed;
                var active = await EvaluatedVersionAsync(api, adminToken, options.PackId, evaluateBody, instance);
                if (active is null) answering = null;
                else answering ??= polled;
                if (active == version) return (instance.ToString(), (TimeSpan?)(polled - answering!.Value));
                await Task.Delay(50);
            }
            return (instance.ToString(), (TimeSpan?)null);
        }));
        return new Report(version, true, attempts, toMove, at, seen, await move);
    }

    /// <summary>Polls the move run every half second (any instance answers it: the run is in the database) until it has ended, ten minutes at most.</summary>
    private static async Task<MoveOutcome?> FollowMoveAsync(Api api, string adminToken, string location, Stopwatch activatedAt, TextWriter log)
    {
        while (activatedAt.Elapsed < TimeSpan.FromMinutes(10))
        {
            try
            {
                var run = await api.CallAsync(HttpMethod.Get, location, adminToken);
                var status = run.GetProperty("status").GetString()!;
                if (status is "done" or "failed" or "superseded")
                {
                    var outcome = new MoveOutcome(status, run.GetProperty("done").GetInt32(), run.GetProperty("total").GetInt32(), activatedAt.Elapsed);
                    log.WriteLine($"  [rollout] move run {status}: {outcome.Moved}/{outcome.Total} dossiers, {outcome.EndedAfter!.Value.TotalSeconds:F1} s after the activation");
                    return outcome;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or LoadSetupException)
            {
                // The instance the proxy chose may be the one restarting: ask again.
            }
            await Task.Delay(500);
        }
        return new MoveOutcome("unfinished", 0, 0, null);
    }

    public static async Task<bool> ActiveOnEveryInstanceAsync(Api api, string adminToken, LoadOptions options, byte[] evaluateBody, string version)
    {
        foreach (var instance in options.Instances)
        {
            // A short run can end while the restarted instance is still starting: wait for it to answer.
            var waited = Stopwatch.StartNew();
            string? evaluated;
            while ((evaluated = await EvaluatedVersionAsync(api, adminToken, options.PackId, evaluateBody, instance)) is null && waited.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(500);
            if (evaluated != version) return false;
        }
        return true;
    }

    /// <summary>The active version in the database (the list reads it there, not through an instance's cache).</summary>
    private static async Task<string?> ActiveVersionAsync(Api api, string adminToken, string packId)
    {
        var packs = await api.CallAsync(HttpMethod.Get, "/api/packs", adminToken);
        return packs.EnumerateArray().Where(p => p.GetProperty("id").GetString() == packId)
            .Select(p => p.GetProperty("activeVersion").GetString()).FirstOrDefault();
    }

    /// <summary>
    /// The version <paramref name="instance"/> evaluates with, i.e. its cached active pointer (PackCatalog) as every
    /// evaluation and new dossier of that instance uses it; null when the instance does not answer.
    /// </summary>
    private static async Task<string?> EvaluatedVersionAsync(Api api, string adminToken, string packId, byte[] evaluateBody, Uri instance)
    {
        try
        {
            using var response = await api.SendAsync(HttpMethod.Post, new Uri(instance, $"/api/packs/{Uri.EscapeDataString(packId)}/evaluate").ToString(), adminToken, evaluateBody);
            if (response.StatusCode != HttpStatusCode.OK) return null;
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("pack").GetProperty("version").GetString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The shipped folder zipped, with pack.json's version replaced.</summary>
    private static byte[] Archive(string packId, string version)
    {
        var folder = RepoPaths.Pack(packId);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
                var bytes = File.ReadAllBytes(file);
                if (name == "pack.json")
                {
                    var manifest = JsonNode.Parse(bytes)!.AsObject();
                    manifest["version"] = version;
                    bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true });
                }
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    private static string NextPatch(string version)
    {
        var core = version.Split('-', '+')[0].Split('.');
        return core.Length == 3 && int.TryParse(core[2], out var patch) ? $"{core[0]}.{core[1]}.{patch + 1}" : throw new LoadSetupException($"version {version} is not x.y.z");
    }
}
