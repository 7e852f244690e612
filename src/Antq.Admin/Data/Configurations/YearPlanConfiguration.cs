using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class YearPlanConfiguration : IEntityTypeConfiguration<YearPlan>
{
    public void Configure(EntityTypeBuilder<YearPlan> b)
    {
        b.Property(p => p.Number).HasMaxLength(100);
        b.Property(p => p.Title).HasMaxLength(1000);
        b.Property(p => p.IssuedBy).HasMaxLength(300);
        b.Property(p => p.SteeringCommitteeName).HasMaxLength(500);
        b.Property(p => p.PackIds).HasMaxLength(2000);
        b.HasIndex(p => new { p.ProvinceUnitId, p.Year }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.ProvinceUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Deadlines).WithOne().HasForeignKey(d => d.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Quotas).WithOne().HasForeignKey(q => q.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class YearPlanDeadlineConfiguration : IEntityTypeConfiguration<YearPlanDeadline>
{
    public void Configure(EntityTypeBuilder<YearPlanDeadline> b)
    {
        b.Property(d => d.PackId).HasMaxLength(100);
        b.Property(d => d.Stage).HasMaxLength(100);
        b.Property(d => d.Note).HasMaxLength(500);
    }
}

public sealed class YearPlanQuotaConfiguration : IEntityTypeConfiguration<YearPlanQuota>
{
    public void Configure(EntityTypeBuilder<YearPlanQuota> b)
    {
        b.Property(q => q.AppliesToLevel).HasMaxLength(64);
        b.Property(q => q.UnitKinds).HasMaxLength(500);
        b.Property(q => q.Text).HasMaxLength(500);
    }
}
