using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class SubmissionConfiguration : IEntityTypeConfiguration<SubmissionRecord>
{
    public void Configure(EntityTypeBuilder<SubmissionRecord> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.PackId).HasMaxLength(100);
        b.Property(s => s.PackVersion).HasMaxLength(64);
        b.Property(s => s.Status).HasMaxLength(32);
        b.Property(s => s.CreateHash).HasMaxLength(64);
        b.Property(s => s.EvaluatedPackHash).HasMaxLength(64);
        b.Property(s => s.OutcomeId).HasMaxLength(64);
        b.Property(s => s.DecisionNumber).HasMaxLength(100);
        b.Property(s => s.Revision).IsConcurrencyToken();
        b.HasIndex(s => new { s.UnitId, s.PackId, s.Year }).IsUnique();
        b.HasIndex(s => new { s.PackId, s.Status });
        b.HasIndex(s => s.PendingUnitId);
        // The dashboard counts a year's dossiers per pack and status (DashboardPackBoards): an index-only scan, not a read of
        // the table with its stored evaluations (20 KB a row).
        b.HasIndex(s => new { s.Year, s.PackId, s.UnitId, s.Status });
        b.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.ActorId).HasMaxLength(450);
        b.Property(a => a.ActorName).HasMaxLength(256);
        b.HasIndex(a => a.SubmissionId);
    }
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
