using Npgsql;

namespace Antq.Admin.Tests.Support;

/// <summary>Which database the API tests run on (SQLite unless ANTQ_TEST_DB_PROVIDER=postgres).</summary>
public static class TestDatabase
{
    /// <summary>What scripts/ensure-postgres.sh sets up and prints when ANTQ_TEST_POSTGRES is not given.</summary>
    public const string DefaultPostgresServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=antq-test";

    public static string Provider => (Environment.GetEnvironmentVariable("ANTQ_TEST_DB_PROVIDER") ?? "sqlite").Trim().ToLowerInvariant();

    public static bool IsPostgres => Provider is "postgres" or "postgresql" or "npgsql";

    /// <summary>The test server (no database named), from ANTQ_TEST_POSTGRES.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("ANTQ_TEST_POSTGRES") is { Length: > 0 } server ? server : DefaultPostgresServer;

    /// <summary>Creates an empty database on the test PostgreSQL server and returns its connection string.</summary>
    public static string NewPostgresDatabase()
    {
        var name = "antq_test_" + Guid.NewGuid().ToString("N")[..12];
        Execute($"CREATE DATABASE {name}");
        // Test data need not survive a power cut: commits return without waiting for the WAL flush.
        Execute($"ALTER DATABASE {name} SET synchronous_commit = off");
        // Test classes run in parallel, each host with its own pool: Npgsql's default of 100 connections per
        // pool lets one busy test (200 concurrent evaluations) take every slot of the server's max_connections
        // (100), and the others then fail with 53300 "too many clients". Requests wait for a pooled connection instead.
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="NewPostgresDatabase"/>, closing what still uses it.</summary>
    public static void DropPostgresDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !name.StartsWith("antq_test_", StringComparison.Ordinal)) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover test database is harmless (names are unique).
        }
    }

    private static void Execute(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
