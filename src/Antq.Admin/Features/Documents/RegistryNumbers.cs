using System.Data.Common;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Antq.Admin.Features.Documents;

/// <summary>A registry number as taken: the sequence and the printed number; both empty while the clerk is to enter it.</summary>
public sealed record RegistryNumber(int? Sequence, string Number)
{
    public static readonly RegistryNumber Awaiting = new(null, "");
}

/// <summary>
/// Takes the next registry number of an issuing unit inside the caller's transaction, in the way the
/// unit numbers its documents (Decree 30 Điều 15, <see cref="NumberingSetting"/>): one yearly sequence
/// across its kinds (counter kind ""), a series per kind, or none (the clerk enters it later).
/// An <c>INSERT … ON CONFLICT DO NOTHING</c> makes the counter row, an <c>UPDATE … RETURNING</c>
/// increments it — past the highest sequence already issued in that series, so switching modes in the
/// middle of a year never hands out a number again. On PostgreSQL the update holds the row lock until
/// the transaction ends, so a concurrent issuer waits and then reads the committed value; on SQLite the
/// transaction holds the database's write lock from its start (<c>BEGIN IMMEDIATE</c>). A rolled-back
/// issue gives its number back.
/// </summary>
public sealed class RegistryNumbers(AntqDbContext db)
{
    public async Task<string> ModeAsync(int unitId, CancellationToken ct) =>
        await db.NumberingSettings.AsNoTracking().Where(s => s.UnitId == unitId).Select(s => s.Mode).FirstOrDefaultAsync(ct) ?? NumberingModes.Yearly;

    /// <summary>The next number of <paramref name="issuer"/>'s registry for a document of <paramref name="kind"/>;
    /// <paramref name="suffix"/> names the issuing body when it is not the unit's usual one (a decision is the People's Committee's).</summary>
    public async Task<RegistryNumber> TakeAsync(Unit issuer, int year, string kind, CancellationToken ct, string? suffix = null)
    {
        var mode = await ModeAsync(issuer.Id, ct);
        if (mode == NumberingModes.Clerk) return RegistryNumber.Awaiting;
        var series = mode == NumberingModes.PerKind ? kind : "";
        var sequence = await NextAsync(issuer.Id, year, series, ct);
        return new RegistryNumber(sequence, DocumentKinds.Number(sequence, kind, suffix ?? DocumentKinds.IssuerSuffix(issuer)));
    }

    /// <summary>The next sequence of a series: <paramref name="series"/> is a kind, or "" for the yearly sequence across kinds.</summary>
    public async Task<int> NextAsync(int issuerUnitId, int year, string series, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Registry numbers are taken inside the issuing transaction.");
        var connection = db.Database.GetDbConnection();
        await using (var insert = Command(connection, transaction,
            """INSERT INTO "DocumentCounters" ("IssuerUnitId", "Year", "Kind", "LastSequence") VALUES (@unit, @year, @kind, 0) ON CONFLICT DO NOTHING""",
            issuerUnitId, year, series))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }
        const string issued = """
            (SELECT COALESCE(MAX(d."Sequence"), 0) FROM "IssuedDocuments" d
             WHERE d."IssuerUnitId" = @unit AND d."RegistryYear" = @year AND (@kind = '' OR d."Kind" = @kind))
            """;
        await using var update = Command(connection, transaction,
            $"""
            UPDATE "DocumentCounters" SET "LastSequence" = (CASE WHEN {issued} > "LastSequence" THEN {issued} ELSE "LastSequence" END) + 1
            WHERE "IssuerUnitId" = @unit AND "Year" = @year AND "Kind" = @kind RETURNING "LastSequence"
            """,
            issuerUnitId, year, series);
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
