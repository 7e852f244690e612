using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// Another instance's planner, deterministic: once armed, when the planner is about to save a batch of several
/// reminders, it first sends one of them (from the middle of the batch) on its own connection — after the planner read
/// what was already sent, before it inserts. The planner's batch is then refused by the unique key, as in a real race.
/// Disarmed, it does nothing (every <see cref="ReminderHost"/> has it).
/// </summary>
public sealed class RivalPlanner : SaveChangesInterceptor
{
    private IServiceProvider? _armed;

    /// <summary>What the rival sent: (unit, recipient) of the reminder it took.</summary>
    public (int UnitId, string RecipientId)? Took { get; private set; }

    public void Arm(IServiceProvider services) => Volatile.Write(ref _armed, services);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var batch = eventData.Context?.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList() ?? [];
        if (batch.Count > 1 && Volatile.Read(ref _armed) is not null && Interlocked.Exchange(ref _armed, null) is { } services)
        {
            var taken = batch[batch.Count / 2];
            var dispatch = eventData.Context!.ChangeTracker.Entries<ReminderDispatch>().Select(e => e.Entity).First(d => d.NotificationId == taken.Id);
            using var scope = services.CreateScope();
            var other = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
            var mine = new Notification
            {
                Id = Guid.NewGuid(), RecipientId = taken.RecipientId, Kind = taken.Kind, Title = taken.Title, Body = taken.Body, CreatedAt = taken.CreatedAt,
                PackId = taken.PackId, DeadlineId = taken.DeadlineId, Year = taken.Year, Occasion = taken.Occasion,
            };
            other.Notifications.Add(mine);
            other.ReminderDispatches.Add(new ReminderDispatch
            {
                PackId = dispatch.PackId, DeadlineId = dispatch.DeadlineId, Year = dispatch.Year, UnitId = dispatch.UnitId, Occasion = dispatch.Occasion,
                RecipientId = dispatch.RecipientId, NotificationId = mine.Id, SentAt = dispatch.SentAt, Channels = "in-app",
            });
            // In an explicit transaction: SQLite's in-process write gate, held by the planner's save that called us, lets it through
            // (the planner has not begun its own transaction yet, so SQLite's lock is free).
            try
            {
                await using var transaction = await other.Database.BeginTransactionAsync(cancellationToken);
                await other.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Took = (dispatch.UnitId, dispatch.RecipientId);
            }
            catch (DbUpdateException)
            {
                // A concurrent planner (PostgreSQL has no write gate) wrote that reminder first: take one of a later batch.
                Volatile.Write(ref _armed, services);
            }
        }
        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
