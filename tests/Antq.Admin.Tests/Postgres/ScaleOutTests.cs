using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Data;
using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Antq.Admin.Tests.Packs;
using Antq.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Postgres;

/// <summary>
/// Provider plumbing and scale-out (ADR 0004): each provider's migrations apply to an empty
/// database, and two server instances on one PostgreSQL database share pack activations and
/// bearer tokens. test.sh runs this project on SQLite, then again with ANTQ_TEST_DB_PROVIDER=postgres.
/// </summary>
public sealed class ScaleOutTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    /// <summary>Margin over <see cref="PackCatalog.ActiveCacheTtl"/> for a loaded CI machine.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Migrations_ApplyOnTheRunsProvider_AndBothProvidersSnapshotsMatchTheModel()
    {
        await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            Assert.IsType(TestDatabase.IsPostgres ? typeof(PostgresAntqDbContext) : typeof(SqliteAntqDbContext), db);
            var all = db.Database.GetMigrations().ToList();
            Assert.NotEmpty(all);
            Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            // Each provider's migrations are its own (no SQLite migration in the PostgreSQL history or back).
            var ownNamespace = db.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace).Distinct().Single();
            Assert.EndsWith(TestDatabase.IsPostgres ? ".Postgres" : ".Sqlite", ownNamespace);
            Assert.True(await db.Units.AnyAsync(), "reference data was written after the migrations");
        });

        // A model change without a migration on either provider fails here, whichever run this is.
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite migrations are behind the model: add a migration for both providers.");
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL migrations are behind the model: add a migration for both providers.");
    }

    [Fact]
    public async Task TwoInstances_OnePostgresDatabase_SeeEachOthersActivationAndAcceptEachOthersTokens_PostgresRunOnly()
    {
        if (!TestDatabase.IsPostgres) return; // needs a database two processes can share: the PostgreSQL run covers it

        await factory.WorldAsync();
        using var second = factory.SecondInstance();
        _ = second.Services; // starts instance B: migrations are already applied, shipped packs already stored

        // Tokens: data-protection keys live in the database, so a token from one instance opens the other.
        var tokenA = await TokenAsync(factory, "admin@test.vn");
        var tokenB = await TokenAsync(second, "xa-a1@test.vn");
        Assert.Equal("admin@test.vn", await MeAsync(second, tokenA));
        Assert.Equal("xa-a1@test.vn", await MeAsync(factory, tokenB));

        var adminA = Client(factory, tokenA);
        var adminB = Client(second, tokenA);
        var unitA = Client(factory, tokenB);
        var unitB = Client(second, tokenB);
        var data = PackZips.Tt124DataWithRecognised(72);
        Assert.Equal(PackZips.Tt124Version, await EvaluatedVersionAsync(unitB, data)); // B now caches the active pointer

        // A stores and activates the next version: B answers with it within the cache TTL (compiling it from the database).
        Assert.Equal(HttpStatusCode.Created, (await PackZips.UploadAsync(adminA, PackZips.Zip(PackZips.Tt124Revision(PackZips.Tt124Next, 75)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await adminA.PostAsync($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Next}/activate", null)).StatusCode);
        Assert.Equal(PackZips.Tt124Next, await EvaluatedVersionAsync(unitA, data)); // at once on the instance that activated
        await AssertSwitchesWithinTtlAsync(unitB, data, PackZips.Tt124Next);

        // And back: a rollback done on B reaches A.
        Assert.Equal(HttpStatusCode.OK, (await adminB.PostAsync($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Version}/activate", null)).StatusCode);
        Assert.Equal(PackZips.Tt124Version, await EvaluatedVersionAsync(unitB, data));
        await AssertSwitchesWithinTtlAsync(unitA, data, PackZips.Tt124Version);
    }

    private static async Task AssertSwitchesWithinTtlAsync(HttpClient client, JsonObject data, string expected)
    {
        var clock = Stopwatch.StartNew();
        string version;
        do
        {
            version = await EvaluatedVersionAsync(client, data);
            if (version == expected) break;
            await Task.Delay(100);
        }
        while (clock.Elapsed < PackCatalog.ActiveCacheTtl + Slack);
        Assert.True(version == expected,
            $"still on {version} {clock.Elapsed.TotalMilliseconds:F0} ms after the other instance activated {expected} (TTL {PackCatalog.ActiveCacheTtl.TotalSeconds} s)");
    }

    private static async Task<string> EvaluatedVersionAsync(HttpClient client, JsonObject data)
    {
        var response = await client.PostAsJsonAsync($"/api/packs/{PackZips.Tt124}/evaluate", new { unit = new { kind = "xa" }, year = 2025, data });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("pack").GetProperty("version").GetString()!;
    }

    private static async Task<string> TokenAsync(AntqApiFactory instance, string email)
    {
        var response = await instance.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = TestWorld.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static HttpClient Client(AntqApiFactory instance, string token)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> MeAsync(AntqApiFactory instance, string token)
    {
        var response = await Client(instance, token).GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString()!;
    }
}
