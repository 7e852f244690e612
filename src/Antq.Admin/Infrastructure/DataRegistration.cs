using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Infrastructure;

public static class DataRegistration
{
    private static readonly SqliteConnectionPragmas Pragmas = new();

    /// <summary>Registers <see cref="AntqDbContext"/> on the configured provider (migrations per provider).</summary>
    public static void AddAntqData(this IServiceCollection services, AntqOptions options)
    {
        services.AddSingleton<AccountSnapshots>();
        services.AddSingleton<AccountChangeInterceptor>();
        if (options.Provider == DbProvider.Postgres)
        {
            services.AddDbContext<AntqDbContext, PostgresAntqDbContext>((sp, db) => db
                .UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .AddInterceptors(sp.GetRequiredService<AccountChangeInterceptor>()));
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            // One per server: its SQLite file has one writer, whichever context writes (see SqliteWriteGate).
            services.AddSingleton<SqliteWriteGate>();
            services.AddDbContext<AntqDbContext, SqliteAntqDbContext>((sp, db) => db
                .UseSqlite(options.SqliteConnectionString)
                .AddInterceptors(sp.GetRequiredService<AccountChangeInterceptor>(), Pragmas, sp.GetRequiredService<SqliteWriteGate>()));
        }
    }
}
