using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Submissions;

/// <summary>Audit entries of submission actions (the trail is append-only; see AntqDbContext).</summary>
public static class SubmissionAudit
{
    public const string Created = "submission.created";
    public const string Saved = "submission.saved";
    public const string Moved = "submission.moved";
    public const string Submitted = "submission.submitted";
    public const string Endorsed = "submission.endorsed";
    public const string Returned = "submission.returned";
    public const string Recognised = "submission.recognised";
    public const string Rejected = "submission.rejected";

    /// <summary>Details always carry the submission's unit, the status before and after and the new revision.</summary>
    public static AuditEntry Entry(Account actor, SubmissionRecord record, string action, string? fromStatus, object? details, DateTimeOffset at)
    {
        var json = new JsonObject
        {
            ["unitId"] = record.UnitId,
            ["fromStatus"] = fromStatus,
            ["toStatus"] = record.Status,
            ["revision"] = record.Revision,
            ["pendingUnitId"] = record.PendingUnitId,
        };
        if (details is not null && JsonSerializer.SerializeToNode(details, SubmissionEvaluator.Json) is JsonObject extra)
            foreach (var (name, value) in extra.ToList())
            {
                extra.Remove(name);
                json[name] = value;
            }
        return new AuditEntry
        {
            SubmissionId = record.Id,
            Action = action,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            ActorUnitId = actor.ScopeUnit.Id,
            At = at,
            DetailsJson = json.ToJsonString(SubmissionEvaluator.Json),
        };
    }
}
