using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(u => u.Code).HasMaxLength(64);
        b.Property(u => u.Name).HasMaxLength(300);
        b.Property(u => u.Path).HasMaxLength(400);
        b.HasIndex(u => u.Code).IsUnique();
        b.HasIndex(u => u.Path);
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Kind).WithMany().HasForeignKey(u => u.KindId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Level).WithMany().HasForeignKey(u => u.LevelId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class UnitLevelConfiguration : IEntityTypeConfiguration<UnitLevel>
{
    public void Configure(EntityTypeBuilder<UnitLevel> b)
    {
        b.Property(l => l.Id).HasMaxLength(64);
        b.Property(l => l.Name).HasMaxLength(200);
    }
}

public sealed class UnitKindConfiguration : IEntityTypeConfiguration<UnitKind>
{
    public void Configure(EntityTypeBuilder<UnitKind> b)
    {
        b.Property(k => k.Id).HasMaxLength(64);
        b.Property(k => k.Name).HasMaxLength(200);
    }
}
