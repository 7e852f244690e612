using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class RegistrationConfiguration : IEntityTypeConfiguration<RegistrationRecord>
{
    public void Configure(EntityTypeBuilder<RegistrationRecord> b)
    {
        b.Property(r => r.PackId).HasMaxLength(100);
        b.Property(r => r.Status).HasMaxLength(32);
        b.Property(r => r.Commitment).HasMaxLength(4000);
        b.Property(r => r.DeclaredClass).HasMaxLength(32);
        b.Property(r => r.Targets).HasMaxLength(4000);
        b.Property(r => r.SignerName).HasMaxLength(200);
        b.Property(r => r.DecidedBy).HasMaxLength(450);
        b.Property(r => r.RefusalReason).HasMaxLength(2000);
        b.Property(r => r.Revision).IsConcurrencyToken();
        b.HasIndex(r => new { r.UnitId, r.PackId, r.Year }).IsUnique();
        b.HasIndex(r => new { r.ReviewingUnitId, r.Year });
        b.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.ReviewingUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
