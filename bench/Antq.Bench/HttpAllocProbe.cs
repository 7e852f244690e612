extern alias admin;
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Features.Packs;
using Antq.FormEngine.Evaluation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Antq.Bench;

/// <summary>
/// `http-alloc [requests] [pack] [types]`: bytes allocated per <c>POST /api/packs/{pack}/evaluate</c> over real HTTP, whole
/// process. The server runs in this process on Kestrel (Production settings, a fresh SQLite data folder, a first
/// administrator, bearer token — the request of <c>bench/evaluate-vs-hello.sh</c>: the pack's first test case's
/// unit kind, year and data); one keep-alive connection from a client that allocates nothing per request sends them
/// one after another. After a warm-up, <see cref="GC.GetTotalAllocatedBytes(bool)"/> around N requests divided by N is
/// the figure: exact whatever the machine's load, unlike time. Then each stage alone on this thread, same body:
/// the body read into the request record, the engine, the answer's JSON; the rest of the request (Kestrel, the
/// middleware, authentication, the body check, binding, routing) is the difference. With <c>types</c> &gt; 0, a last
/// run of the same requests lists that many types by the runtime's allocation ticks (<see cref="AllocationTicks"/>).
/// </summary>
public static class HttpAllocProbe
{
    private const string Email = "admin@alloc.bench";
    private const string Password = "Alloc@2025x";

    public static async Task<int> Run(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var packId = args.Length > 1 ? args[1] : "tt124.xa";
        var types = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var body = Body(packId);
        var data = Path.Combine(Path.GetTempPath(), $"antq-http-alloc-{Guid.NewGuid():N}");
        try
        {
            // The server's content root (its appsettings.json), as WebApplicationFactory reads it outside a test project.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ANTQ_ADMIN", Path.Combine(BenchData.RepoRoot, "src", "Antq.Admin"));
            await using var factory = new ServerFactory(data);
            factory.UseKestrel(FreePort());
            factory.StartServer();
            var address = factory.ClientOptions.BaseAddress;
            using var http = new HttpClient { BaseAddress = address };
            var login = await http.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Password });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

            using var client = new RawClient(address, $"/api/packs/{packId}/evaluate", token, body);
            var first = client.Send();
            if (first.Status != 200) throw new InvalidOperationException($"evaluate answered {first.Status}");
            Console.WriteLine($"POST /api/packs/{packId}/evaluate: request body {body.Length:N0} B, answer {first.BodyBytes:N0} B; "
                + $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");

            for (var i = 0; i < Math.Max(2000, requests); i++) client.Send(); // the JIT's tiers and the caches
            var perRequest = Measure(client, requests);
            var again = Measure(client, requests);
            Console.WriteLine($"Whole process, {requests:N0} requests on one connection: {perRequest:N0} B/request (again: {again:N0})");

            // The floor of any API call: the same connection, bearer token and pipeline, a tiny JSON answer.
            using (var me = new RawClient(address, "/api/auth/me", token, body: null))
            {
                for (var i = 0; i < 2000; i++) me.Send();
                Console.WriteLine($"For comparison, GET /api/auth/me (same pipeline and token, {me.Send().BodyBytes:N0} B answer): {Measure(me, requests):N0} B/request");
                if (types > 0)
                {
                    using var ticks = new AllocationTicks();
                    PrintTypes($"GET /api/auth/me, {requests:N0} requests", ticks.During(() => Measure(me, requests)), requests, types);
                }
            }
            var stages = Stages(factory.Services, packId, body);
            var known = 0L;
            foreach (var (name, bytes) in stages)
            {
                Console.WriteLine($"  {name,-58} {Math.Abs(bytes),10:N0} B");
                if (bytes > 0) known += bytes; // the engine's parts (negative) are in its total already
            }
            Console.WriteLine($"  {"the rest (Kestrel, middleware, authentication, binding)",-58} {Math.Min(perRequest, again) - known,10:N0} B");
            if (types > 0)
            {
                // After the figures: the listener allocates per event.
                using var ticks = new AllocationTicks();
                PrintTypes($"whole process, {requests:N0} requests", ticks.During(() => Measure(client, requests)), requests, types);
                var (engine, calls) = EngineAlone(factory.Services, packId, body);
                PrintTypes($"the engine alone, {calls:N0} evaluations", ticks.During(engine), calls, types);
            }
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static void PrintTypes(string what, IReadOnlyList<(string Type, long Bytes)> sampled, int count, int top)
    {
        var total = Math.Max(1, sampled.Sum(p => p.Bytes));
        Console.WriteLine($"Types allocated ({what}; runtime allocation ticks, one per ~100 KB), top {top}:");
        foreach (var (type, bytes) in sampled.Take(top))
            Console.WriteLine($"  {bytes * 100.0 / total,5:0.0} %  {bytes / count,8:N0} B each  {type}");
    }

    private static (Action Work, int Calls) EngineAlone(IServiceProvider services, string packId, byte[] body)
    {
        var pack = services.GetRequiredService<PackCatalog>().GetActiveAsync(packId).GetAwaiter().GetResult()!;
        var request = JsonSerializer.Deserialize<EvaluateRequest>(body, JsonSerializerOptions.Web)!;
        var unit = new UnitInfo(request.Unit!.Kind!, "", "", "");
        const int calls = 20_000;
        return (() => { for (var i = 0; i < calls; i++) pack.Evaluate(unit, request.Year!.Value, request.Data); }, calls);
    }

    private static long Measure(RawClient client, int requests)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
            if (client.Send().Status != 200) throw new InvalidOperationException("evaluate failed during the measurement");
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / requests;
    }

    /// <summary>The stages of the endpoint alone, on this thread, each repeated until warm: bytes per call (the engine's parts negated).</summary>
    private static List<(string Name, long Bytes)> Stages(IServiceProvider services, string packId, byte[] body)
    {
        var pack = services.GetRequiredService<PackCatalog>().GetActiveAsync(packId).GetAwaiter().GetResult()!;
        var json = services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var requestInfo = json.GetTypeInfo(typeof(EvaluateRequest));
        var request = (EvaluateRequest)JsonSerializer.Deserialize(body, requestInfo)!;
        var unit = new UnitInfo(request.Unit!.Kind!, "", "", "");
        var year = request.Year!.Value;
        var result = pack.Evaluate(unit, year, request.Data);
        var engine = PerCall(() => pack.Evaluate(unit, year, request.Data));
        var validation = PerCall(() => pack.Validator.Validate(request.Data));
        var typedForm = PerCall(() => Antq.FormEngine.Forms.FormMaterializer.Materialize(pack.Form, request.Data));
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(output);
        return
        [
            ("request body → EvaluateRequest (HTTP JSON options)", PerCall(() => JsonSerializer.Deserialize(body, requestInfo))),
            ("engine (CompiledPack.Evaluate)", engine),
            ("  of which the validation (the compiled validator)", -validation),
            ("  of which the typed form (FormMaterializer)", -typedForm),
            ("  of which criteria, explanations, outcome", -(engine - validation - typedForm)),
            ("answer's JSON into a reused buffer (HTTP JSON options)", PerCall(() =>
            {
                output.ResetWrittenCount();
                writer.Reset(output);
                JsonSerializer.Serialize(writer, result, json);
                return output.WrittenCount;
            })),
        ];
    }

    private static long PerCall<T>(Func<T> stage)
    {
        for (var i = 0; i < 500; i++) stage();
        const int calls = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++) stage();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
    }

    /// <summary>The body of bench/evaluate-vs-hello.sh: the pack's first test case's unit kind, year and data.</summary>
    private static byte[] Body(string packId)
    {
        var tests = Path.Combine(BenchData.RepoRoot, "criteria-packs", packId, "tests");
        var first = Directory.GetFiles(tests, "*.json").Order(StringComparer.Ordinal).First();
        var test = JsonNode.Parse(File.ReadAllText(first))!;
        var body = new JsonObject
        {
            ["unit"] = new JsonObject { ["kind"] = test["unit"]!["kind"]!.DeepClone() },
            ["year"] = test["year"]!.DeepClone(),
            ["data"] = test["data"]!.DeepClone(),
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server as <c>evaluate-vs-hello.sh</c> starts it: Production, a first administrator, no demo, no jobs.</summary>
    private sealed class ServerFactory(string dataDir) : WebApplicationFactory<admin::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Logging:LogLevel:Default", "Warning"); // the start-up's lines, not the figures
            builder.UseSetting("ANTQ_PUBLIC_URL", "http://127.0.0.1");
            builder.UseSetting("ANTQ_DATA_DIR", dataDir);
            builder.UseSetting("ANTQ_ADMIN_EMAIL", Email);
            builder.UseSetting("ANTQ_ADMIN_PASSWORD", Password);
            builder.UseSetting("ANTQ_SEED_DEMO", "false");
            builder.UseSetting("ANTQ_JOBS", "false");
            builder.UseSetting("ANTQ_WARMUP", "false");
            builder.UseSetting("ANTQ_PACKS_DIR", Path.Combine(BenchData.RepoRoot, "criteria-packs"));
            builder.UseSetting("ANTQ_TEMPLATES_DIR", Path.Combine(BenchData.RepoRoot, "templates"));
        }
    }

    /// <summary>
    /// HTTP/1.1 keep-alive over a blocking socket with one reused buffer: the request's bytes are built once and the
    /// answer (Content-Length or chunked) is read without allocating, so the process's allocations are the server's.
    /// </summary>
    private sealed class RawClient : IDisposable
    {
        private readonly Socket _socket;
        private readonly byte[] _request;
        private readonly byte[] _buffer = new byte[256 * 1024];
        private int _start, _end;

        /// <summary>A POST of <paramref name="body"/> as JSON, or a GET when it is null.</summary>
        public RawClient(Uri server, string path, string token, byte[]? body)
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            _socket.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
            var head = Encoding.ASCII.GetBytes($"{(body is null ? "GET" : "POST")} {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nAuthorization: Bearer {token}\r\n"
                + (body is null ? "\r\n" : $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
            _request = [.. head, .. body ?? []];
        }

        public (int Status, int BodyBytes) Send()
        {
            _socket.Send(_request);
            var status = ParseStatus(ReadLine());
            int? length = null;
            var chunked = false;
            while (true)
            {
                var line = ReadLine();
                if (line.IsEmpty) break;
                if (Header(line, "content-length"u8, out var value)) length = int.Parse(value.Trim((byte)' '), CultureInfo.InvariantCulture);
                else if (Header(line, "transfer-encoding"u8, out var te) && te.IndexOf("chunked"u8) >= 0) chunked = true;
            }
            var bytes = 0;
            if (length is { } n) { Skip(n); bytes = n; }
            else if (chunked)
                while (true)
                {
                    var size = int.Parse(ReadLine(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    Skip(size);
                    ReadLine();
                    if (size == 0) break;
                    bytes += size;
                }
            return (status, bytes);
        }

        private static int ParseStatus(ReadOnlySpan<byte> line) => (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');

        private static bool Header(ReadOnlySpan<byte> line, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
        {
            var colon = line.IndexOf((byte)':');
            value = colon == name.Length && Ascii.EqualsIgnoreCase(line[..colon], name) ? line[(colon + 1)..] : default;
            return colon == name.Length && !value.IsEmpty;
        }

        /// <summary>The next line without its CRLF; valid until the next read.</summary>
        private ReadOnlySpan<byte> ReadLine()
        {
            while (true)
            {
                var at = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
                if (at >= 0)
                {
                    var line = _buffer.AsSpan(_start, at);
                    _start += at + 2;
                    return line;
                }
                Fill();
            }
        }

        private void Skip(int count)
        {
            while (_end - _start < count)
            {
                count -= _end - _start;
                _start = _end = 0;
                Fill();
            }
            _start += count;
        }

        private void Fill()
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            var read = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
            if (read == 0) throw new IOException("the server closed the connection");
            _end += read;
        }

        public void Dispose() => _socket.Dispose();
    }
}
