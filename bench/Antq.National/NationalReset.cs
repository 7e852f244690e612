using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Antq.National;

/// <summary>
/// Removes what an earlier run generated: every row that refers to a generated unit or to a dossier of one (found
/// through the EF model's foreign keys, so a new table that refers to them is covered), the registry counters and
/// the units themselves, deepest first (the parent key restricts deletes).
/// </summary>
public static class NationalReset
{
    public static async Task RunAsync(NpgsqlConnection connection, AntqDbContext db)
    {
        var units = $"(SELECT \"Id\" FROM \"Units\" WHERE \"Code\" LIKE '{NationalHierarchy.CodePrefix}%')";
        var submissions = $"(SELECT \"Id\" FROM \"Submissions\" WHERE \"UnitId\" IN {units})";
        // The audit trail has no foreign key (it outlives what it records): matched by dossier and by the generator's actor id.
        await PgCopy.ExecuteAsync(connection, $"DELETE FROM \"AuditEntries\" WHERE \"SubmissionId\" IN {submissions}");
        await DeleteReferencingAsync(connection, db, typeof(SubmissionRecord), submissions);
        await DeleteReferencingAsync(connection, db, typeof(Unit), units);
        await PgCopy.ExecuteAsync(connection, $"DELETE FROM \"AuditEntries\" WHERE \"ActorId\" = '{NationalDossiers.Actor}'");
        await PgCopy.ExecuteAsync(connection, $"DELETE FROM \"DocumentCounters\" WHERE \"IssuerUnitId\" IN {units}");
        var depth = await PgCopy.ScalarAsync(connection, $"SELECT COALESCE(MAX(\"Depth\"), -1) FROM \"Units\" WHERE \"Code\" LIKE '{NationalHierarchy.CodePrefix}%'");
        for (var d = depth; d >= 0; d--)
            await PgCopy.ExecuteAsync(connection, $"DELETE FROM \"Units\" WHERE \"Code\" LIKE '{NationalHierarchy.CodePrefix}%' AND \"Depth\" = {d}");
    }

    private static async Task DeleteReferencingAsync(NpgsqlConnection connection, AntqDbContext db, Type principal, string ids)
    {
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.ClrType != typeof(Unit) && e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var key in entity.GetForeignKeys().Where(k => k.PrincipalEntityType.ClrType == principal))
            {
                var column = key.Properties.Single().GetColumnName(table);
                await PgCopy.ExecuteAsync(connection, $"DELETE FROM \"{table.Name}\" WHERE \"{column}\" IN {ids}");
            }
        }
    }
}
