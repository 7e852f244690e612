using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Data;

/// <summary>
/// The server's data. Provider-specific subclasses (<see cref="SqliteAntqDbContext"/>,
/// <see cref="PostgresAntqDbContext"/>) exist only so each provider keeps its own migrations.
/// </summary>
public abstract class AntqDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<UnitLevel> UnitLevels => Set<UnitLevel>();
    public DbSet<UnitKind> UnitKinds => Set<UnitKind>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitPeriod> UnitPeriods => Set<UnitPeriod>();
    public DbSet<YearPlan> YearPlans => Set<YearPlan>();
    public DbSet<PackVersionRecord> PackVersions => Set<PackVersionRecord>();
    public DbSet<ActivePackRecord> ActivePacks => Set<ActivePackRecord>();
    public DbSet<SubmissionRecord> Submissions => Set<SubmissionRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ReminderDispatch> ReminderDispatches => Set<ReminderDispatch>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<DocumentCounter> DocumentCounters => Set<DocumentCounter>();
    public DbSet<IssuedDocumentSubject> IssuedDocumentSubjects => Set<IssuedDocumentSubject>();
    public DbSet<NumberingSetting> NumberingSettings => Set<NumberingSetting>();
    public DbSet<TemplateVersionRecord> TemplateVersions => Set<TemplateVersionRecord>();
    public DbSet<MeetingRecord> Meetings => Set<MeetingRecord>();
    public DbSet<RegistrationRecord> Registrations => Set<RegistrationRecord>();
    public DbSet<RegistrationFile> RegistrationFiles => Set<RegistrationFile>();
    public DbSet<AppraisalRecord> Appraisals => Set<AppraisalRecord>();
    public DbSet<ImpactRun> ImpactRuns => Set<ImpactRun>();
    public DbSet<MoveRun> MoveRuns => Set<MoveRun>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AntqDbContext).Assembly, t => t.Namespace == typeof(Configurations.UnitConfiguration).Namespace);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit trail, stored pack versions, issued documents, template versions and meetings are
    /// append-only: a change or delete is a bug.</summary>
    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries())
            if (entry.Entity is AuditEntry or PackVersionRecord or IssuedDocument or IssuedDocumentSubject or TemplateVersionRecord or MeetingRecord or AppraisalRecord && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} is append-only.");
    }
}

public sealed class SqliteAntqDbContext(DbContextOptions<SqliteAntqDbContext> options) : AntqDbContext(options)
{
    // SQLite's one writer: saves queue in the process instead of sleeping on SQLITE_BUSY (Infrastructure/SqliteWriteGate.cs).
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        Infrastructure.SqliteWriteGate.Save(this, () => base.SaveChanges(acceptAllChangesOnSuccess));

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        Infrastructure.SqliteWriteGate.SaveAsync(this, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no DateTimeOffset type: store UTC ticks so dates sort and compare in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresAntqDbContext(DbContextOptions<PostgresAntqDbContext> options) : AntqDbContext(options);
