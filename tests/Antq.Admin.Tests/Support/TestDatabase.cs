using Npgsql;

namespace Antq.Admin.Tests.Support;

/// <summary>Which database the API tests run on (SQLite unless ANTQ_TEST_DB_PROVIDER=postgres).</summary>
public static class TestDatabase
{
    public static string Provider => (Environment.GetEnvironmentVariable("ANTQ_TEST_DB_PROVIDER") ?? "sqlite").ToLowerInvariant();

    /// <summary>Creates an empty database on the test PostgreSQL server and returns its connection string.</summary>
    public static string NewPostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable("ANTQ_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
        var name = "antq_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server + ";Database=postgres"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }
        return $"{server};Database={name}";
    }
}
