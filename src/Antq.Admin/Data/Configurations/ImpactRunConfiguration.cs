using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class ImpactRunConfiguration : IEntityTypeConfiguration<ImpactRun>
{
    public void Configure(EntityTypeBuilder<ImpactRun> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.PackId).HasMaxLength(100);
        b.Property(r => r.Version).HasMaxLength(64);
        b.Property(r => r.RequestedById).HasMaxLength(450);
        b.Property(r => r.RequestedByName).HasMaxLength(256);
        b.Property(r => r.Status).HasMaxLength(16);
        b.Property(r => r.SubmissionsStamp).HasMaxLength(64);
        b.Property(r => r.Error).HasMaxLength(1000);
        // The latest run of a (pack, version, scope) is what a new request looks at first.
        b.HasIndex(r => new { r.PackId, r.Version, r.ScopeUnitId, r.RequestedAt });
        // One unfinished run per (pack, version, scope), whichever instance is asked: a second start joins it.
        b.HasIndex(r => new { r.PackId, r.Version, r.ScopeUnitId }).IsUnique()
            .HasFilter("\"Status\" IN ('queued', 'running')").HasDatabaseName("IX_ImpactRuns_Unfinished");
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.ScopeUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
