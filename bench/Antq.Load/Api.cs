using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Antq.TestKit;

namespace Antq.Load;

/// <summary>The few server routes the load test uses, on one shared connection pool.</summary>
public sealed class Api(HttpClient http)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    public static HttpClient CreateClient(LoadOptions options) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };

    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        return content;
    }

    public static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);

    /// <summary>Signs in and returns the bearer token.</summary>
    public async Task<string> LoginAsync(string email, string password)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/auth/login", null, Serialize(new { email, password }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new LoadSetupException($"sign-in as {email}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, byte[]? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = Json(body);
        return http.SendAsync(request);
    }

    /// <summary>
    /// Waits until <c>/health</c> answers ok: a server just started refuses connections, then says "warming" (503)
    /// while its start-up warm-up runs. Returns how long it took and the states seen, or throws after <paramref name="max"/>.
    /// </summary>
    public async Task<(TimeSpan Waited, string Seen)> WaitReadyAsync(TimeSpan max)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seen = new List<string>();
        while (true)
        {
            string state;
            try
            {
                using var response = await SendAsync(HttpMethod.Get, "/health", token: null);
                var text = await response.Content.ReadAsStringAsync();
                state = text.Length > 0 && JsonDocument.Parse(text).RootElement.TryGetProperty("status", out var s) ? s.GetString() ?? "?" : ((int)response.StatusCode).ToString();
                if (response.IsSuccessStatusCode) return (clock.Elapsed, string.Join(" → ", seen.Append(state)));
            }
            catch (HttpRequestException) { state = "no answer"; }
            if (seen.Count == 0 || seen[^1] != state) seen.Add(state);
            if (clock.Elapsed > max) throw new LoadSetupException($"/health not ok after {max.TotalSeconds:F0} s: {string.Join(" → ", seen)}");
            await Task.Delay(200);
        }
    }

    /// <summary>A call that must succeed (set-up and checks): the parsed JSON body, or an exception.</summary>
    public async Task<JsonElement> CallAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var response = await SendAsync(method, path, token, body is null ? null : Serialize(body));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new LoadSetupException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class LoadSetupException(string message) : Exception(message);

/// <summary>Reading a pack test case and changing one field of its data.</summary>
public static class CaseData
{
    public static string DefaultCaseFile(string packId)
    {
        if (RepoPaths.TryFindRoot() is { } root)
            return Path.Combine(root, "criteria-packs", packId, "tests", "01-dat-tat-ca.json");
        throw new LoadSetupException("Antq.Forms.sln not found upwards from here: pass --case FILE");
    }

    /// <summary>Sets the string at a dotted path (the objects on the way must exist).</summary>
    public static void SetString(System.Text.Json.Nodes.JsonObject data, string path, string value)
    {
        var parts = path.Split('.');
        var node = data;
        foreach (var part in parts[..^1])
            node = node[part] as System.Text.Json.Nodes.JsonObject ?? throw new LoadSetupException($"--marker {path}: no object at '{part}'");
        node[parts[^1]] = value;
    }

    public static string? GetString(JsonElement data, string path)
    {
        var node = data;
        foreach (var part in path.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node)) return null;
        }
        return node.ValueKind == JsonValueKind.String ? node.GetString() : null;
    }
}
