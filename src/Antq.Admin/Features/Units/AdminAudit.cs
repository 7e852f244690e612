using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Units;

/// <summary>
/// Audit entries for administration (units, levels, kinds, accounts): <c>SubmissionId</c> is null.
/// The entry is added to the same context as the change, so one SaveChanges writes both or neither.
/// </summary>
public sealed class AdminAudit(AntqDbContext db, TimeProvider time)
{
    public void Add(Account actor, string action, object details) =>
        db.AuditEntries.Add(new AuditEntry
        {
            Action = action,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            ActorUnitId = actor.ScopeUnit.Id,
            At = time.GetUtcNow(),
            DetailsJson = JsonSerializer.Serialize(details, JsonSerializerOptions.Web),
        });
}
