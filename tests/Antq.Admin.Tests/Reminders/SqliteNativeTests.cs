using Antq.Admin.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// EF Core (through Microsoft.Data.Sqlite, SQLitePCLRaw 2.x by default) and Hangfire's SQLite storage
/// (sqlite-net, SQLitePCLRaw 3.x) must load one and the same native SQLite: the pinned
/// SQLitePCLRaw.bundle_e_sqlite3 3.0.5 set. Mixed sets load whichever libe_sqlite3 was copied last.
/// </summary>
public sealed class SqliteNativeTests
{
    private const string PinnedSqlite = "3.53.4";

    [Fact]
    public void SqliteVersion_EfCoreAndHangfireStorage_TheSamePinnedLibrary()
    {
        var path = Path.Combine(Path.GetTempPath(), "antq-tests", $"native-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            string efVersion;
            using (var db = new SqliteAntqDbContext(new DbContextOptionsBuilder<SqliteAntqDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options))
                efVersion = db.Database.SqlQueryRaw<string>("select sqlite_version() as \"Value\"").AsEnumerable().Single();
            string storageVersion;
            using (var storage = new SQLite.SQLiteConnection(path))
                storageVersion = storage.ExecuteScalar<string>("select sqlite_version()");

            Assert.Equal(PinnedSqlite, efVersion);
            Assert.Equal(efVersion, storageVersion);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
