using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class PackDraftConfiguration : IEntityTypeConfiguration<PackDraft>
{
    public void Configure(EntityTypeBuilder<PackDraft> b)
    {
        b.ToTable("PackDrafts");
        b.Property(d => d.PackId).HasMaxLength(100);
        b.Property(d => d.BaseVersion).HasMaxLength(64);
        b.Property(d => d.CreatedBy).HasMaxLength(256);
        b.Property(d => d.UpdatedBy).HasMaxLength(256);
        b.Property(d => d.Revision).IsConcurrencyToken();
        b.HasIndex(d => d.PackId);
    }
}
