using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class RegistrationFileConfiguration : IEntityTypeConfiguration<RegistrationFile>
{
    public void Configure(EntityTypeBuilder<RegistrationFile> b)
    {
        b.Property(f => f.Kind).HasMaxLength(32);
        b.Property(f => f.Reference).HasMaxLength(300);
        b.Property(f => f.Name).HasMaxLength(260);
        b.Property(f => f.UploadedBy).HasMaxLength(450);
        // One file of each kind: a new upload replaces the old one.
        b.HasIndex(f => new { f.RegistrationId, f.Kind }).IsUnique();
        b.HasOne<RegistrationRecord>().WithMany().HasForeignKey(f => f.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
