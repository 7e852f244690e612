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
        // "In the subtree of" is Path LIKE '/1/5/%'. PostgreSQL uses a b-tree for a prefix LIKE only with the pattern
        // operator class (or the C collation): without it every scope query scanned all units (150,000 nationally).
        b.HasIndex(u => u.Path).HasOperators("varchar_pattern_ops");
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Kind).WithMany().HasForeignKey(u => u.KindId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Level).WithMany().HasForeignKey(u => u.LevelId).OnDelete(DeleteBehavior.Restrict);
        b.Property(u => u.ManagedAt).HasMaxLength(64);
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.ManagingUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class UnitPeriodConfiguration : IEntityTypeConfiguration<UnitPeriod>
{
    public void Configure(EntityTypeBuilder<UnitPeriod> b)
    {
        b.Property(p => p.Code).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(300);
        b.Property(p => p.NameKey).HasMaxLength(300);
        b.Property(p => p.KindId).HasMaxLength(64);
        b.Property(p => p.LevelId).HasMaxLength(64);
        b.Property(p => p.CommitteeName).HasMaxLength(500);
        b.Property(p => p.AuthorityName).HasMaxLength(300);
        b.Property(p => p.PlaceName).HasMaxLength(100);
        b.Property(p => p.Basis).HasMaxLength(300);
        // A code is unique at a level within a period; overlap is checked by UnitPeriods, the index serves the lookup.
        b.HasIndex(p => new { p.LevelId, p.Code, p.ValidFrom }).IsUnique();
        b.HasIndex(p => new { p.UnitId, p.ValidFrom }).IsUnique();
        b.HasIndex(p => p.NameKey);
        b.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<UnitKind>().WithMany().HasForeignKey(p => p.KindId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<UnitLevel>().WithMany().HasForeignKey(p => p.LevelId).OnDelete(DeleteBehavior.Restrict);
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
