using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class MoveRunConfiguration : IEntityTypeConfiguration<MoveRun>
{
    public void Configure(EntityTypeBuilder<MoveRun> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.PackId).HasMaxLength(100);
        b.Property(r => r.Version).HasMaxLength(64);
        b.Property(r => r.FromVersion).HasMaxLength(64);
        b.Property(r => r.RequestedById).HasMaxLength(450);
        b.Property(r => r.RequestedByName).HasMaxLength(256);
        b.Property(r => r.Status).HasMaxLength(16);
        b.Property(r => r.Error).HasMaxLength(1000);
        // Each batch's update carries it: a runner that lost its claim (taken over, or replaced by a later activation) writes nothing.
        b.Property(r => r.Claim).IsConcurrencyToken();
        // The pack page shows the latest run of a pack.
        b.HasIndex(r => new { r.PackId, r.RequestedAt });
        // One unfinished run per pack, whichever instance activates: an activation replaces the run before it.
        b.HasIndex(r => r.PackId).IsUnique()
            .HasFilter("\"Status\" IN ('queued', 'running')").HasDatabaseName("IX_MoveRuns_Unfinished");
    }
}
