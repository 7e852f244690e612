using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Notifications;

/// <summary>The caller's own in-app messages: only the recipient ever sees or marks one (404 otherwise).</summary>
public sealed class NotificationInbox(AntqDbContext db, CurrentAccount current, TimeProvider time)
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;

    public async Task<NotificationPage> ListAsync(bool unreadOnly, int? skip, int? take, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientId == account.UserId);
        var filtered = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = await filtered.CountAsync(ct);
        var unread = unreadOnly ? total : await mine.CountAsync(n => n.ReadAt == null, ct);
        var rows = await filtered.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? DefaultTake, 1, MaxTake)).ToListAsync(ct);
        return new NotificationPage(await ViewsAsync(rows, ct), total, unread);
    }

    public async Task<UnreadCountView> UnreadCountAsync(CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        return new UnreadCountView(await db.Notifications.CountAsync(n => n.RecipientId == account.UserId && n.ReadAt == null, ct));
    }

    /// <summary>Marks one message read (again: keeps the first time it was read).</summary>
    public async Task<NotificationView> MarkReadAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.RecipientId == account.UserId, ct)
            ?? throw new AccessDeniedException($"Không tìm thấy thông báo {id}.", StatusCodes.Status404NotFound);
        if (notification.ReadAt is null)
        {
            notification.ReadAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return (await ViewsAsync([notification], ct))[0];
    }

    public async Task<UnreadCountView> MarkAllReadAsync(CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var now = time.GetUtcNow();
        await db.Notifications.Where(n => n.RecipientId == account.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return new UnreadCountView(0);
    }

    private async Task<List<NotificationView>> ViewsAsync(IReadOnlyList<Notification> rows, CancellationToken ct)
    {
        var ids = rows.Select(n => n.Id).ToList();
        var units = (await (
                from d in db.ReminderDispatches.AsNoTracking()
                join u in db.Units.AsNoTracking() on d.UnitId equals u.Id
                where ids.Contains(d.NotificationId)
                select new { d.NotificationId, u.Id, u.Name })
            .ToListAsync(ct))
            .ToLookup(x => x.NotificationId, x => new NotificationUnitView(x.Id, x.Name));
        return rows.Select(n => new NotificationView(n.Id, n.Kind, NotificationKinds.Label(n.Kind), n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt, n.PackId, n.DeadlineId, n.Year,
            n.Occasion, units[n.Id].OrderBy(u => u.Name, StringComparer.Ordinal).ToList())).ToList();
    }
}
