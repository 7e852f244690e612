using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class PackVersionConfiguration : IEntityTypeConfiguration<PackVersionRecord>
{
    public void Configure(EntityTypeBuilder<PackVersionRecord> b)
    {
        b.Property(p => p.PackId).HasMaxLength(100);
        b.Property(p => p.Version).HasMaxLength(64);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.Property(p => p.ContentHash).HasMaxLength(64);
        b.Property(p => p.UploadedBy).HasMaxLength(256);
        b.HasIndex(p => new { p.PackId, p.Version }).IsUnique();
    }
}

public sealed class ActivePackConfiguration : IEntityTypeConfiguration<ActivePackRecord>
{
    public void Configure(EntityTypeBuilder<ActivePackRecord> b)
    {
        b.HasKey(a => a.PackId);
        b.Property(a => a.PackId).HasMaxLength(100);
        b.Property(a => a.ActivatedBy).HasMaxLength(256);
        b.HasOne(a => a.Version).WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
