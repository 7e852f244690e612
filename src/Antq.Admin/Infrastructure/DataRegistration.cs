using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Infrastructure;

public static class DataRegistration
{
    /// <summary>Registers <see cref="AntqDbContext"/> on the configured provider (migrations per provider).</summary>
    public static void AddAntqData(this IServiceCollection services, AntqOptions options)
    {
        if (options.Provider == DbProvider.Postgres)
        {
            services.AddDbContext<AntqDbContext, PostgresAntqDbContext>(db =>
                db.UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")));
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            services.AddDbContext<AntqDbContext, SqliteAntqDbContext>(db => db.UseSqlite(options.SqliteConnectionString));
        }
    }
}
