using System.Data.Common;
using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// Takes the next registry number of (issuing unit, year, kind) inside the caller's transaction:
/// an <c>INSERT … ON CONFLICT DO NOTHING</c> makes the counter row, an <c>UPDATE … RETURNING</c>
/// increments it. On PostgreSQL the update holds the row lock until the transaction ends, so a
/// concurrent issuer waits and then reads the committed value; on SQLite the transaction holds the
/// database's write lock from its start (<c>BEGIN IMMEDIATE</c>). A rolled-back issue gives its number back.
/// </summary>
public sealed class RegistryNumbers(AntqDbContext db)
{
    public async Task<int> NextAsync(int issuerUnitId, int year, string kind, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Registry numbers are taken inside the issuing transaction.");
        var connection = db.Database.GetDbConnection();
        await using (var insert = Command(connection, transaction,
            """INSERT INTO "DocumentCounters" ("IssuerUnitId", "Year", "Kind", "LastSequence") VALUES (@unit, @year, @kind, 0) ON CONFLICT DO NOTHING""",
            issuerUnitId, year, kind))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using var update = Command(connection, transaction,
            """UPDATE "DocumentCounters" SET "LastSequence" = "LastSequence" + 1 WHERE "IssuerUnitId" = @unit AND "Year" = @year AND "Kind" = @kind RETURNING "LastSequence" """,
            issuerUnitId, year, kind);
        return Convert.ToInt32(await update.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, int unit, int year, string kind)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "@unit", unit);
        Add(command, "@year", year);
        Add(command, "@kind", kind);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
