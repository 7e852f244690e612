using System.Globalization;

namespace Antq.Admin.Features.Reminders;

/// <summary>
/// Reminder settings from the environment: <c>ANTQ_JOBS</c> (default on: this instance runs the
/// Hangfire server and the recurring planner; off, it only enqueues and shows the dashboard),
/// <c>ANTQ_SMTP_HOST</c>, <c>ANTQ_SMTP_PORT</c> (default 25), <c>ANTQ_SMTP_USER</c>,
/// <c>ANTQ_SMTP_PASSWORD</c>, <c>ANTQ_SMTP_FROM</c> (e-mail only when a host is set; in-app only
/// otherwise) and <c>ANTQ_PUBLIC_URL</c> (the address links in e-mails start with).
/// </summary>
public sealed class ReminderSettings
{
    public bool JobsEnabled { get; init; } = true;
    public SmtpSettings? Smtp { get; init; }
    public string? PublicUrl { get; init; }

    /// <summary>The repository's templates/ (reminder texts are in its reminders/ folder).</summary>
    public string? TemplatesDirectory { get; init; }

    /// <summary>A link as a message shows it: in full when the public address is known and it goes by e-mail, else the path (in-app).</summary>
    public string LinkFor(string path, string channel) => channel == "email" && PublicUrl is { } root ? root + path : path;

    public static ReminderSettings From(IConfiguration configuration, string? templatesDirectory)
    {
        var jobs = configuration["ANTQ_JOBS"];
        return new ReminderSettings
        {
            JobsEnabled = string.IsNullOrWhiteSpace(jobs) || (bool.TryParse(jobs, out var on)
                ? on
                : throw new InvalidOperationException($"ANTQ_JOBS must be 'true' or 'false', not '{jobs}'.")),
            Smtp = SmtpSettings.Read(configuration),
            PublicUrl = configuration["ANTQ_PUBLIC_URL"] is { Length: > 0 } url ? url.TrimEnd('/') : null,
            TemplatesDirectory = templatesDirectory,
        };
    }
}

public sealed record SmtpSettings(string Host, int Port, string? User, string? Password, string From)
{
    public static SmtpSettings? Read(IConfiguration configuration)
    {
        var host = configuration["ANTQ_SMTP_HOST"];
        if (string.IsNullOrWhiteSpace(host)) return null;
        var portText = configuration["ANTQ_SMTP_PORT"];
        var port = 25;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new InvalidOperationException($"ANTQ_SMTP_PORT must be a port number, not '{portText}'.");
        var user = configuration["ANTQ_SMTP_USER"];
        return new SmtpSettings(host.Trim(), port, string.IsNullOrWhiteSpace(user) ? null : user, configuration["ANTQ_SMTP_PASSWORD"],
            configuration["ANTQ_SMTP_FROM"] is { Length: > 0 } from ? from : "Antq.Forms <no-reply@antq.local>");
    }
}
