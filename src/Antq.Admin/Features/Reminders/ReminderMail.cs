using Hangfire;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Antq.Admin.Features.Reminders;

/// <summary>One e-mail: plain UTF-8 text; the id becomes the Message-Id, so a receiving server can tell a copy.</summary>
public sealed record ReminderEmail(Guid Id, string To, string ToName, string Subject, string Body);

public interface IReminderMailSender
{
    Task SendAsync(ReminderEmail email, CancellationToken ct);
}

/// <summary>SMTP through MailKit: STARTTLS when the server offers it (TLS on port 465), login when a user is set.</summary>
public sealed class SmtpReminderSender(ReminderSettings settings) : IReminderMailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(ReminderEmail email, CancellationToken ct)
    {
        var smtp = settings.Smtp ?? throw new InvalidOperationException("SMTP is not configured (ANTQ_SMTP_HOST).");
        var message = new MimeMessage
        {
            Subject = email.Subject,
            MessageId = $"{email.Id:N}@antq.forms",
            Body = new TextPart("plain") { Text = email.Body },
        };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(new MailboxAddress(email.ToName, email.To));

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.Auto, ct);
        if (smtp.User is not null) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>Puts the e-mail copy of a notification on the job queue.</summary>
public interface IReminderMailQueue
{
    void Enqueue(Guid notificationId);
}

/// <summary>A Hangfire job per e-mail, so sending is retried with back-off and survives restarts.</summary>
public sealed class HangfireReminderMailQueue(IBackgroundJobClient jobs) : IReminderMailQueue
{
    public void Enqueue(Guid notificationId) => jobs.Enqueue<ReminderMailJob>(job => job.SendAsync(notificationId, CancellationToken.None));
}
