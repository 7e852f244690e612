using System.Globalization;
using System.Text.RegularExpressions;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Submissions;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;
using Scriban.Runtime;

namespace Antq.Admin.Features.Reminders;

/// <summary>A rendered message: the first line of the template is the title (the e-mail subject).</summary>
public sealed record ReminderText(string Title, string Body);

/// <summary>What one message is about: one recipient, one occasion of a deadline, the units concerned.</summary>
public sealed record ReminderSubject(DeadlineInstance Deadline, ReminderOccasion Occasion, Recipient Recipient, IReadOnlyList<UnitDeadline> Units, string StageText, string Link);

/// <summary>
/// Renders reminders and escalations from templates/reminders/*.scriban (the repository's, or the
/// copy built into the server) in the document sandbox, as plain text (no HTML escaping). A template
/// that fails to render is logged and a plain built-in text is sent instead: a broken template must
/// not stop the reminders.
/// </summary>
public sealed partial class ReminderMessages(ReminderSettings settings, ILogger<ReminderMessages> logger)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly RenderOptions PlainText = RenderOptions.Default with { HtmlEscape = false, Strict = true };

    private readonly Lazy<ParsedTemplate?> _reminder = new(() => Load("nhac-han", settings.TemplatesDirectory, logger));
    private readonly Lazy<ParsedTemplate?> _escalation = new(() => Load("qua-han", settings.TemplatesDirectory, logger));

    public ReminderText Render(ReminderSubject subject, string channel, DateTimeOffset now)
    {
        var template = subject.Occasion.IsEscalation ? _escalation.Value : _reminder.Value;
        if (template is not null)
        {
            var result = TemplateSandbox.Render(template, Model(subject, channel, now), PlainText);
            if (result.Ok) return Split(result.Output);
            logger.LogError("Reminder template {File} failed: {Errors}", template.File, string.Join("; ", result.Errors));
        }
        return Fallback(subject);
    }

    /// <summary>The link in full when the public address is known (e-mail), else the path (in-app).</summary>
    public string Absolute(string link) => settings.PublicUrl is { } root ? root + link : link;

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
            ["link"] = channel == "email" ? Absolute(subject.Link) : subject.Link,
        };
    }

    /// <summary>Where the unit's submission is, in words (the template adds the wording around it).</summary>
    public static (string State, string Text) Situation(UnitDeadline unit) => unit.Submission?.Status switch
    {
        null => ("missing", "chưa lập hồ sơ"),
        SubmissionStatus.Draft => ("draft", "hồ sơ còn là bản nháp, chưa gửi"),
        SubmissionStatus.Returned => ("returned", "hồ sơ bị trả lại, chưa gửi lại"),
        SubmissionStatus.Submitted => ("submitted", $"hồ sơ đang chờ {unit.WaitingOn?.Name ?? "cấp trên"} xem xét"),
        SubmissionStatus.Approved => ("approved", $"hồ sơ đã được thông qua, chờ {unit.WaitingOn?.Name ?? "cấp trên"} quyết định công nhận"),
        var status => (status, SubmissionStates.Label(status)),
    };

    private static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", Vietnamese);

    private static ReminderText Split(string output)
    {
        // Blank lines left by template logic never pile up: at most one between paragraphs.
        var text = BlankLines().Replace(output.Replace("\r\n", "\n"), "\n\n").Trim();
        var newline = text.IndexOf('\n');
        return newline < 0 ? new ReminderText(text, "") : new ReminderText(text[..newline].Trim(), text[(newline + 1)..].Trim());
    }

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*){2,}")]
    private static partial Regex BlankLines();

    private static ReminderText Fallback(ReminderSubject subject)
    {
        var deadline = subject.Deadline;
        var names = string.Join(", ", subject.Units.Select(u => u.Unit.Name));
        var due = Format(VietnamTime.DateOf(deadline.DueAt));
        return subject.Occasion.IsEscalation
            ? new ReminderText($"Quá hạn: {deadline.Definition.Title}", $"Hạn trước ngày {due} đã qua; chưa hoàn thành: {names}.")
            : new ReminderText($"Nhắc hạn: {deadline.Definition.Title}", $"Hạn trước ngày {due}; chưa hoàn thành: {names}.");
    }

    private static ParsedTemplate? Load(string name, string? directory, ILogger logger)
    {
        var file = $"reminders/{name}.scriban";
        string? source = null;
        if (directory is not null && Path.Combine(directory, "reminders", name + ".scriban") is var path && File.Exists(path))
            source = File.ReadAllText(path);
        else if (typeof(ReminderMessages).Assembly.GetManifestResourceStream($"reminders.{name}.scriban") is { } stream)
            using (var reader = new StreamReader(stream))
                source = reader.ReadToEnd();
        if (source is null)
        {
            logger.LogError("Reminder template {File} not found; a plain built-in text is used.", file);
            return null;
        }
        var parsed = TemplateSandbox.Parse(source, file);
        if (!parsed.Ok) logger.LogError("Reminder template {File} does not parse: {Errors}", file, string.Join("; ", parsed.Errors));
        return parsed.Template;
    }
}
