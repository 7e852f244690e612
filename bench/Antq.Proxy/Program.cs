using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

// The local reverse proxy of the "Two instances" run (bench/README.md): one address in front of
// several Antq.Admin instances, as a load balancer would be in production.
//
//   dotnet bench/Antq.Proxy/bin/Release/net10.0/Antq.Proxy.dll [--listen URL] [--destinations URL,URL,...]
//
// /api and /health: round robin (bearer tokens are valid on every instance, the key ring is shared in the
// database). Everything else (pages, /_blazor, static files): session affinity by a cookie, because a Blazor
// Server circuit lives in one instance's memory. Active health checks (GET /health every second) take a
// stopped or draining instance out of the pool and put it back when it answers again; passive checks take
// it out at once when a proxied request cannot reach it.
var listen = Option(args, "--listen") ?? "http://127.0.0.1:5090";
var destinations = (Option(args, "--destinations") ?? "http://127.0.0.1:5081,http://127.0.0.1:5082")
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(listen);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Yarp.ReverseProxy.Health", LogLevel.Information);
builder.Services.AddReverseProxy().LoadFromMemory(
    [
        new RouteConfig { RouteId = "api", ClusterId = "api", Order = 1, Match = new RouteMatch { Path = "/api/{**rest}" } },
        new RouteConfig { RouteId = "health", ClusterId = "api", Order = 1, Match = new RouteMatch { Path = "/health" } },
        new RouteConfig { RouteId = "ui", ClusterId = "ui", Order = 2, Match = new RouteMatch { Path = "/{**rest}" } },
    ],
    [Cluster("api", destinations, affinity: false), Cluster("ui", destinations, affinity: true)]);

var app = builder.Build();
app.MapReverseProxy();
app.Logger.LogWarning("Antq.Proxy on {Listen} → {Destinations}", listen, string.Join(", ", destinations));
app.Run();

static ClusterConfig Cluster(string id, string[] destinations, bool affinity) => new()
{
    ClusterId = id,
    LoadBalancingPolicy = "RoundRobin",
    Destinations = destinations.Select((url, i) => (Key: $"instance-{i + 1}", Value: new DestinationConfig { Address = url }))
        .ToDictionary(d => d.Key, d => d.Value),
    SessionAffinity = affinity
        ? new SessionAffinityConfig
        {
            Enabled = true,
            Policy = "HashCookie",
            // When its instance is gone the session moves to a healthy one (the user signs in again only if
            // the cookie were instance-bound; it is not: the key ring is shared).
            FailurePolicy = "Redistribute",
            AffinityKeyName = "antq.instance",
            Cookie = new SessionAffinityCookieConfig { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true },
        }
        : null,
    HealthCheck = new HealthCheckConfig
    {
        Active = new ActiveHealthCheckConfig
        {
            Enabled = true, Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(2), Path = "/health",
            Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
        },
        Passive = new PassiveHealthCheckConfig
        {
            Enabled = true, Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate, ReactivationPeriod = TimeSpan.FromSeconds(5),
        },
        AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
    },
    Metadata = new Dictionary<string, string>
    {
        // One failed probe is enough: a restart must leave the pool within about a second.
        [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = "1",
    },
};

static string? Option(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
