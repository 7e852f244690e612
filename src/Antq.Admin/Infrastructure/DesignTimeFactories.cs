using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Antq.Admin.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteAntqDbContext</c> build the context without the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAntqDbContext>
{
    public SqliteAntqDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAntqDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>The same for PostgreSQL (no server is contacted to add a migration).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAntqDbContext>
{
    public PostgresAntqDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAntqDbContext>()
            .UseNpgsql("Host=localhost;Database=antq_design", n => n.MigrationsHistoryTable("__ef_migrations_history")).Options);
}
