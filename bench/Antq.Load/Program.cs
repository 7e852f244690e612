using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Load;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = LoadOptions.Parse(args, Console.Error);
if (options is null)
{
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

try
{
    var caseFile = options.CaseFile ?? CaseData.DefaultCaseFile(options.PackId);
    var testCase = JsonNode.Parse(File.ReadAllText(caseFile))!.AsObject();
    var unitKind = testCase["unit"]?["kind"]?.GetValue<string>() ?? throw new LoadSetupException($"{caseFile}: no unit.kind");
    var year = testCase["year"]?.GetValue<int>() ?? DateTime.Now.Year;
    var data = testCase["data"]?.AsObject() ?? throw new LoadSetupException($"{caseFile}: no data");

    using var http = Api.CreateClient(options);
    var api = new Api(http);
    Console.WriteLine($"Antq load test → {options.Url} ({Environment.ProcessorCount} cores, .NET {Environment.Version}); pack {options.PackId}, case {Path.GetFileName(caseFile)}");
    var (waited, seen) = await api.WaitReadyAsync(TimeSpan.FromMinutes(2));
    Console.WriteLine($"  server ready after {waited.TotalSeconds:F1} s ({seen})");
    var adminToken = await api.LoginAsync(options.Email, options.Password);
    if (options.RunWarmup)
    {
        Console.WriteLine($"(d) first {options.EvaluateSeconds} s of evaluations after the start, {options.EvaluateClients} clients, per 5 s");
        await EvaluateLoad.TimelineAsync(api, adminToken, options.PackId, Api.Serialize(new { unit = new { kind = unitKind }, year, data }),
            options.EvaluateClients, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(options.EvaluateSeconds), Console.Out);
    }

    var failed = false;
    if (options.RunEvaluate)
    {
        Console.WriteLine($"(a) evaluate: {options.EvaluateClients} concurrent clients, {options.WarmupSeconds} s warm-up, {options.EvaluateSeconds} s measured");
        var body = Api.Serialize(new { unit = new { kind = unitKind }, year, data });
        var summary = await EvaluateLoad.RunAsync(api, adminToken, options.PackId, body, options.EvaluateClients,
            TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.EvaluateSeconds));
        Console.WriteLine("    " + summary.Line());
        var met = summary.PerSecond >= 1000 && summary.P99 < 50 && summary.Errors == 0;
        Console.WriteLine($"    target ≥ 1000/s with p99 < 50 ms and no errors: {(met ? "met" : "MISSED")}");
        failed |= summary.Errors > 0;
    }
    if (options.RunSaves)
    {
        Console.WriteLine($"(b) draft saves: {options.Writers} concurrent writers, {options.SaveSeconds} s");
        var report = await SaveLoad.RunAsync(api, adminToken, options, unitKind, year, data, Console.Out);
        Console.WriteLine("    " + report.Summary.Line());
        Console.WriteLine($"    acknowledged saves {report.Acknowledged}, found in the database {report.AuditEntriesFound}, lost {report.LostSaves}; "
            + $"submissions whose stored revision/data is not the last acknowledged save: {report.WrongFinalState} of {report.Writers}");
        var met = report.Summary.Errors == 0 && report.LostSaves == 0 && report.WrongFinalState == 0;
        Console.WriteLine($"    target 0 errors and 0 lost saves: {(met ? "met" : "MISSED")}");
        failed |= !met;
    }
    if (options.RunReads)
    {
        var token = options.AsEmail is { } other ? await api.LoginAsync(other, options.Password) : adminToken;
        Console.WriteLine($"(c) reads as {options.AsEmail ?? options.Email}: {options.ReadRequests} requests per path, {options.ReadClients} clients");
        failed |= !await ReadProbe.RunAsync(api, token, options, year, Console.Out);
        Console.WriteLine($"(d) impact preview of the active {options.PackId} as a background run, time to finished");
        failed |= !await ImpactProbe.RunAsync(api, token, options.PackId, Console.Out);
    }
    if (options.RunMixed)
    {
        Console.WriteLine($"(e) mixed deadline-day load × {options.MixedScale} for {options.MixedSeconds} s, {options.Writers} writers");
        failed |= !await MixedLoad.RunAsync(api, adminToken, options, unitKind, year, data, Console.Out);
    }
    return failed ? 1 : 0;
}
catch (Exception e) when (e is LoadSetupException or HttpRequestException or IOException or JsonException or TaskCanceledException)
{
    Console.Error.WriteLine($"load test stopped: {e.Message}");
    return 1;
}
