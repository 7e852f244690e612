using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.RecipientId).HasMaxLength(450);
        b.Property(n => n.Kind).HasMaxLength(32);
        b.Property(n => n.Title).HasMaxLength(500);
        b.Property(n => n.Link).HasMaxLength(500);
        b.Property(n => n.PackId).HasMaxLength(100);
        b.Property(n => n.DeadlineId).HasMaxLength(64);
        b.Property(n => n.Occasion).HasMaxLength(32);
        b.Property(n => n.EventKey).HasMaxLength(200);
        b.Property(n => n.EmailTo).HasMaxLength(256);
        b.Property(n => n.EmailStatus).HasMaxLength(16);
        b.Property(n => n.EmailError).HasMaxLength(1000);
        // The inbox: newest first for one recipient; the unread count.
        b.HasIndex(n => new { n.RecipientId, n.CreatedAt });
        b.HasIndex(n => new { n.RecipientId, n.ReadAt });
        b.HasIndex(n => n.EmailStatus);
        // A step of the procedure reaches each account once, whichever request or instance writes it.
        b.HasIndex(n => new { n.EventKey, n.RecipientId }).IsUnique();
        b.HasOne(n => n.Recipient).WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReminderDispatchConfiguration : IEntityTypeConfiguration<ReminderDispatch>
{
    public void Configure(EntityTypeBuilder<ReminderDispatch> b)
    {
        b.Property(d => d.PackId).HasMaxLength(100);
        b.Property(d => d.DeadlineId).HasMaxLength(64);
        b.Property(d => d.Occasion).HasMaxLength(32);
        b.Property(d => d.RecipientId).HasMaxLength(450);
        b.Property(d => d.Channels).HasMaxLength(32);
        b.HasIndex(d => new { d.PackId, d.DeadlineId, d.Year, d.UnitId, d.Occasion, d.RecipientId }).IsUnique();
        b.HasIndex(d => d.NotificationId);
        b.HasOne<Notification>().WithMany().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}
