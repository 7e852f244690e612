using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Antq.National;

/// <summary>
/// Binary <c>COPY … FROM STDIN</c> of entities, with the table and column names taken from the server's own EF model
/// (so a renamed column breaks here at once instead of writing a wrong table). Tens of thousands of rows per second
/// where SaveChanges manages a few thousand.
/// </summary>
public static class PgCopy
{
    /// <summary>Copies <paramref name="rows"/>; with <paramref name="storeGeneratedKey"/> the identity key is left to the database.</summary>
    public static async Task<long> CopyAsync<T>(NpgsqlConnection connection, AntqDbContext db, IEnumerable<T> rows, bool storeGeneratedKey = false)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties;
        var columns = entity.GetProperties()
            .Where(p => p.PropertyInfo is not null && !(storeGeneratedKey && key.Contains(p)))
            .Select(p => (Property: p, Column: p.GetColumnName(table)!))
            .ToList();
        var command = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(command);
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var (property, _) in columns)
            {
                var value = property.PropertyInfo!.GetValue(row);
                if (value is null) await importer.WriteNullAsync();
                else await importer.WriteAsync(value);
            }
        }
        return (long)await importer.CompleteAsync();
    }

    /// <summary>After rows were copied with explicit ids: the identity sequence continues above the largest one.</summary>
    public static async Task ResyncIdentityAsync<T>(NpgsqlConnection connection, AntqDbContext db) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var column = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(table)!;
        await using var command = new NpgsqlCommand(
            $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', '{column}'), (SELECT COALESCE(MAX(\"{column}\"), 1) FROM \"{table.Name}\"))", connection);
        await command.ExecuteScalarAsync();
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
