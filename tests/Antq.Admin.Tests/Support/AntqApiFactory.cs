using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Support;

/// <summary>
/// The server in process on a fresh SQLite database in a temporary data folder, with the shipped
/// packs imported. <see cref="TestWorld"/> adds units and accounts for the authorisation matrix.
/// Set ANTQ_TEST_DB_PROVIDER=postgres and ANTQ_TEST_POSTGRES (a server connection string) to run
/// the same tests on PostgreSQL (a fresh database per factory, dropped when the factory is disposed).
/// </summary>
public sealed class AntqApiFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "antq-tests", Guid.NewGuid().ToString("N"));

    // PostgreSQL: made on first use and kept, so hosts derived with WithWebHostBuilder (which run
    // ConfigureWebHost again) share this factory's database, as they share its SQLite folder.
    private readonly Lock _databaseLock = new();
    private readonly AntqApiFactory? _databaseOwner;
    private string? _postgresConnection;

    public AntqApiFactory() { }

    /// <summary>Another server instance on <paramref name="other"/>'s PostgreSQL database (which it owns and drops).</summary>
    private AntqApiFactory(AntqApiFactory other) => _databaseOwner = other;

    /// <summary>A second server instance on the same database, as in a scale-out (PostgreSQL only).</summary>
    public AntqApiFactory SecondInstance() =>
        TestDatabase.IsPostgres ? new AntqApiFactory(this) : throw new InvalidOperationException("A shared database needs ANTQ_TEST_DB_PROVIDER=postgres.");

    /// <summary>The PostgreSQL connection string of this factory's database (created on first use).</summary>
    public string PostgresConnectionString
    {
        get
        {
            if (_databaseOwner is not null) return _databaseOwner.PostgresConnectionString;
            lock (_databaseLock) return _postgresConnection ??= TestDatabase.NewPostgresDatabase();
        }
    }

    private readonly SemaphoreSlim _worldLock = new(1, 1);
    private TestWorld? _world;

    public string DataDirectory => _dataDir;

    /// <summary>Keep the server's default login rate limits (tests log in many times from one address: raised otherwise).</summary>
    public bool RealLoginLimits { get; init; }

    /// <summary>More settings for this host (e.g. ANTQ_DP_CERT_PATH).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>The test hierarchy and accounts, created once per factory.</summary>
    public async Task<TestWorld> WorldAsync()
    {
        await _worldLock.WaitAsync();
        try { return _world ??= await TestWorld.CreateAsync(this); }
        finally { _worldLock.Release(); }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Required in Production (a host derived with UseEnvironment("Production") starts with it); tests of the
        // fallback to the listening address, or of the refusal to start without it, set it to "".
        builder.UseSetting("ANTQ_PUBLIC_URL", "http://antq.test");
        builder.UseSetting("ANTQ_DATA_DIR", _dataDir);
        builder.UseSetting("ANTQ_SEED_DEMO", "false");
        builder.UseSetting("ANTQ_JOBS", "false"); // no Hangfire server: tests run the reminder planner themselves
        // Also off in hosts derived with UseEnvironment("Production"): seconds of CPU each; StartupWarmupTests turns it on.
        builder.UseSetting("ANTQ_WARMUP", "false");
        builder.UseSetting("ANTQ_PACKS_DIR", Path.Combine(RepoPaths.Root, "criteria-packs"));
        builder.UseSetting("ANTQ_TEMPLATES_DIR", Path.Combine(RepoPaths.Root, "templates"));
        if (!(_databaseOwner?.RealLoginLimits ?? RealLoginLimits))
        {
            builder.UseSetting("ANTQ_LOGIN_LIMIT_PER_CLIENT", "1000000");
            builder.UseSetting("ANTQ_LOGIN_LIMIT_PER_ACCOUNT", "1000000");
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (TestDatabase.IsPostgres)
        {
            builder.UseSetting("ANTQ_DB_PROVIDER", "postgres");
            builder.UseSetting("ConnectionStrings:Antq", PostgresConnectionString);
        }
    }

    /// <summary>Runs code against the server's services in a scope (arranging data, checking the database).</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    public Task WithServicesAsync(Func<IServiceProvider, Task> action) => WithServicesAsync(async s => { await action(s); return 0; });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        string? owned;
        lock (_databaseLock) (owned, _postgresConnection) = (_postgresConnection, null);
        if (owned is not null) TestDatabase.DropPostgresDatabase(owned);
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
