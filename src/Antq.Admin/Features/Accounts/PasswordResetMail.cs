using System.Text;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Reminders;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Antq.Admin.Features.Accounts;

/// <summary>
/// Puts a password-reset e-mail on the job queue. The forgot-password page only queues the address it was given: looking
/// the account up, making the token and talking to the SMTP server happen in the job, so the page answers with the same
/// work, in the same time, whether or not the address has an account (no account discovery by timing).
/// </summary>
public interface IPasswordResetMailQueue
{
    /// <param name="email">The address as typed.</param>
    /// <param name="origin">The site's address the link starts with (ANTQ_PUBLIC_URL, or the request's).</param>
    void Enqueue(string email, string origin);
}

/// <summary>A Hangfire job per request, as the reminders' e-mails are: retried when the SMTP server is down.</summary>
public sealed class HangfirePasswordResetMailQueue(IBackgroundJobClient jobs) : IPasswordResetMailQueue
{
    public void Enqueue(string email, string origin) =>
        jobs.Enqueue<PasswordResetMailJob>(job => job.SendAsync(email, origin, CancellationToken.None));
}

/// <summary>
/// Sends the reset link to the account of an address, if there is an active one; an unknown or locked address is
/// dropped without a trace the requester could see. The token is made here, so it never sits in the job storage.
/// </summary>
public sealed class PasswordResetMailJob(UserManager<AppUser> users, IReminderMailSender mail, ILogger<PasswordResetMailJob> logger)
{
    public const string Subject = "Đặt lại mật khẩu Antq.Forms";

    // A reset link is wanted now: a few quick retries, not the reminders' hours of back-off.
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task SendAsync(string email, string origin, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.Disabled || user.Email is null)
        {
            logger.LogInformation("Password reset asked for an address without an active account; no e-mail sent.");
            return;
        }
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = $"{origin.TrimEnd('/')}/dat-lai-mat-khau?email={Uri.EscapeDataString(user.Email)}&token={token}";
        await mail.SendAsync(new ReminderEmail(Guid.NewGuid(), user.Email, user.DisplayName, Subject,
            $"Có yêu cầu đặt lại mật khẩu cho tài khoản {user.Email}.\n\nMở đường dẫn sau để đặt mật khẩu mới:\n{link}\n\nNếu không phải bạn yêu cầu, hãy bỏ qua thư này."), ct);
        logger.LogInformation("Password reset e-mail sent to {Email}", user.Email);
    }
}
