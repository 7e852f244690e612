using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Reminders;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;
using Antq.Admin.Infrastructure;
using Scriban.Runtime;

namespace Antq.Admin.Features.Notifications;

/// <summary>
/// Renders step notifications from templates/notifications/*.scriban (one file per kind), in the same
/// sandbox and the same way as the reminders (<see cref="MessageTemplates"/>). A template that fails is
/// logged and a plain built-in text is sent: a broken text must not stop the procedure.
/// </summary>
public sealed class StepMessages(ReminderSettings settings, ILogger<StepMessages> logger)
{
    /// <summary>The template of each kind (templates/notifications/&lt;file&gt;.scriban).</summary>
    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [NotificationKinds.Submitted] = "ho-so-gui",
        [NotificationKinds.Resubmitted] = "ho-so-gui-lai",
        [NotificationKinds.Forwarded] = "ho-so-chuyen-len",
        [NotificationKinds.Approved] = "ho-so-thong-qua",
        [NotificationKinds.Returned] = "ho-so-tra-lai",
        [NotificationKinds.Recognised] = "ho-so-cong-nhan",
        [NotificationKinds.Refused] = "ho-so-khong-cong-nhan",
        [NotificationKinds.RegistrationSubmitted] = "dang-ky-gui",
        [NotificationKinds.RegistrationAccepted] = "dang-ky-chap-nhan",
        [NotificationKinds.RegistrationRefused] = "dang-ky-tu-choi",
        [NotificationKinds.DocumentIssued] = "van-ban-ban-hanh",
        [NotificationKinds.VersionMoved] = "ho-so-chuyen-phien-ban",
    };

    private readonly Dictionary<string, Lazy<ParsedTemplate?>> _templates = Files.ToDictionary(f => f.Key,
        f => new Lazy<ParsedTemplate?>(() => MessageTemplates.Load("notifications", f.Value, settings.TemplatesDirectory, logger)), StringComparer.Ordinal);

    public ReminderText Render(StepEvent step, Recipient recipient, Account actor, string link, string channel, DateTimeOffset now) =>
        MessageTemplates.Render(_templates[step.Kind].Value, Model(step, recipient, actor, link, channel, now), logger)
        ?? new ReminderText($"{NotificationKinds.Label(step.Kind)}: {step.Unit.Name}", $"{step.PackTitle}, năm {step.Year}.");

    private ScriptObject Model(StepEvent step, Recipient recipient, Account actor, string link, string channel, DateTimeOffset now)
    {
        var criteria = new ScriptArray();
        foreach (var c in step.Criteria) criteria.Add(new ScriptObject { ["id"] = c.Id, ["title"] = c.Title, ["reason"] = c.Reason });
        return new ScriptObject
        {
            ["channel"] = channel,
            ["kind"] = step.Kind,
            ["acting"] = recipient.Role == Roles.Reviewer ? "reviewer" : "unit",
            ["recipient"] = new ScriptObject { ["name"] = recipient.Name },
            ["unit"] = new ScriptObject { ["name"] = step.Unit.Name, ["code"] = step.Unit.Code },
            ["pack"] = new ScriptObject { ["id"] = step.PackId, ["title"] = step.PackTitle },
            ["year"] = step.Year,
            ["actor"] = new ScriptObject { ["name"] = actor.Name, ["unit"] = actor.ScopeUnit.Name },
            ["waiting_at"] = step.WaitingAt?.Name ?? "",
            ["reason"] = step.Reason,
            ["criteria"] = criteria,
            ["decision"] = new ScriptObject
            {
                ["number"] = step.DecisionNumber,
                ["date"] = step.DecisionDate is { } date ? MessageTemplates.Format(date) : "",
            },
            ["document"] = new ScriptObject { ["title"] = step.DocumentTitle, ["number"] = step.DocumentNumber },
            ["version"] = new ScriptObject { ["from"] = step.FromVersion, ["to"] = step.ToVersion },
            ["fields"] = new ScriptArray(step.Fields),
            ["today"] = MessageTemplates.Format(VietnamTime.DateOf(now)),
            ["link"] = settings.LinkFor(link, channel),
        };
    }
}
