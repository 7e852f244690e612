using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Submissions;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;
using Scriban.Runtime;

namespace Antq.Admin.Features.Reminders;

/// <summary>What one message is about: one recipient, one occasion of a deadline, the units concerned.</summary>
public sealed record ReminderSubject(DeadlineInstance Deadline, ReminderOccasion Occasion, Recipient Recipient, IReadOnlyList<UnitDeadline> Units, string StageText, string Link);

/// <summary>
/// Renders reminders and escalations from templates/reminders/*.scriban through <see cref="MessageTemplates"/>
/// (the repository's, or the copy built into the server), as plain text (no HTML escaping). A template
/// that fails to render is logged and a plain built-in text is sent instead: a broken template must
/// not stop the reminders.
/// </summary>
public sealed class ReminderMessages(ReminderSettings settings, ILogger<ReminderMessages> logger)
{
    private readonly Lazy<ParsedTemplate?> _reminder = new(() => MessageTemplates.Load("reminders", "nhac-han", settings.TemplatesDirectory, logger));
    private readonly Lazy<ParsedTemplate?> _escalation = new(() => MessageTemplates.Load("reminders", "qua-han", settings.TemplatesDirectory, logger));

    public ReminderText Render(ReminderSubject subject, string channel, DateTimeOffset now) =>
        MessageTemplates.Render(subject.Occasion.IsEscalation ? _escalation.Value : _reminder.Value, Model(subject, channel, now), logger)
        ?? Fallback(subject);

    private ScriptObject Model(ReminderSubject subject, string channel, DateTimeOffset now)
    {
        var deadline = subject.Deadline;
        var dueDate = VietnamTime.DateOf(deadline.DueAt);
        var today = VietnamTime.DateOf(now);
        var units = new ScriptArray();
        foreach (var unit in subject.Units)
        {
            var (state, situation) = Situation(unit);
            units.Add(new ScriptObject { ["name"] = unit.Unit.Name, ["code"] = unit.Unit.Code, ["state"] = state, ["situation"] = situation });
        }
        return new ScriptObject
        {
            ["channel"] = channel,
            ["acting"] = subject.Recipient.Role == Roles.Reviewer ? "reviewer" : "unit",
            ["recipient"] = new ScriptObject { ["name"] = subject.Recipient.Name },
            ["pack"] = new ScriptObject { ["id"] = deadline.Pack.Manifest.Id, ["title"] = deadline.Pack.Manifest.Title, ["version"] = deadline.Pack.Manifest.Version },
            ["year"] = deadline.Year,
            ["deadline"] = new ScriptObject
            {
                ["id"] = deadline.Definition.Id,
                ["title"] = deadline.Definition.Title,
                ["stage"] = deadline.Definition.Stage,
                ["stage_text"] = subject.StageText,
                ["due_date"] = Format(dueDate),
                ["last_day"] = Format(dueDate.AddDays(-1)),
            },
            ["days_left"] = Math.Max(0, dueDate.DayNumber - today.DayNumber),
            ["today"] = Format(today),
            ["units"] = units,
            ["unit_count"] = subject.Units.Count,
            ["link"] = settings.LinkFor(subject.Link, channel),
        };
    }

    /// <summary>Where the unit's submission is, in words (the template adds the wording around it).</summary>
    public static (string State, string Text) Situation(UnitDeadline unit) => unit.ForRegistration && unit.Submission is null
        ? unit.Registration?.Status switch
        {
            null or RegistrationStatus.Draft => ("registration-missing", "chưa gửi bản đăng ký phấn đấu"),
            RegistrationStatus.Submitted => ("registration-submitted", $"bản đăng ký đang chờ {unit.WaitingOn?.Name ?? "cấp trên"} chấp nhận"),
            _ => ("registration-refused", "bản đăng ký bị từ chối, chưa gửi lại"),
        }
        : unit.Submission?.Status switch
    {
        null when unit.Reporting => ("unreported", "chưa ban hành báo cáo kết quả năm"),
        null => ("missing", "chưa lập hồ sơ"),
        SubmissionStatus.Draft => ("draft", "hồ sơ còn là bản nháp, chưa gửi"),
        SubmissionStatus.Returned => ("returned", "hồ sơ bị trả lại, chưa gửi lại"),
        SubmissionStatus.Submitted => ("submitted", $"hồ sơ đang chờ {unit.WaitingOn?.Name ?? "cấp trên"} xem xét"),
        SubmissionStatus.Approved => ("approved", $"hồ sơ đã được thông qua, chờ {unit.WaitingOn?.Name ?? "cấp trên"} quyết định công nhận"),
        var status => (status, SubmissionStates.Label(status)),
    };

    private static string Format(DateOnly date) => MessageTemplates.Format(date);

    private static ReminderText Fallback(ReminderSubject subject)
    {
        var deadline = subject.Deadline;
        var names = string.Join(", ", subject.Units.Select(u => u.Unit.Name));
        var due = Format(VietnamTime.DateOf(deadline.DueAt));
        return subject.Occasion.IsEscalation
            ? new ReminderText($"Quá hạn: {deadline.Definition.Title}", $"Hạn trước ngày {due} đã qua; chưa hoàn thành: {names}.")
            : new ReminderText($"Nhắc hạn: {deadline.Definition.Title}", $"Hạn trước ngày {due}; chưa hoàn thành: {names}.");
    }
}
