using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Antq.Admin.Infrastructure;

public static class DataRegistration
{
    private static readonly SqliteConnectionPragmas Pragmas = new();

    /// <summary>Registers <see cref="AntqDbContext"/> on the configured provider (migrations per provider), with the
    /// interceptors features register as <see cref="IInterceptor"/> (e.g. the deadline boards' cache invalidation).
    /// The options are built once (every interceptor is a singleton): built per context they cost ~8 % of an API
    /// request's CPU (the issue 19 profile of evaluate), for a context most requests create for the account check.</summary>
    public static void AddAntqData(this IServiceCollection services, AntqOptions options)
    {
        services.AddSingleton<AccountSnapshots>();
        services.AddSingleton<AccountChangeInterceptor>();
        if (options.Provider == DbProvider.Postgres)
        {
            services.AddDbContext<AntqDbContext, PostgresAntqDbContext>((sp, db) => db
                .UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .AddInterceptors(sp.GetRequiredService<AccountChangeInterceptor>())
                .AddInterceptors(sp.GetServices<IInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            services.AddDbContext<AntqDbContext, SqliteAntqDbContext>((sp, db) => db
                .UseSqlite(options.SqliteConnectionString)
                .AddInterceptors(sp.GetRequiredService<AccountChangeInterceptor>(), Pragmas)
                .AddInterceptors(sp.GetServices<IInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
        }
    }
}
