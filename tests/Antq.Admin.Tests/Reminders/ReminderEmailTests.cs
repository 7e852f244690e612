using System.Text;
using Antq.Admin.Tests.Support;
using MimeKit;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// E-mail through a real SMTP conversation with an in-process server on 127.0.0.1: Vietnamese
/// subject and body, one e-mail per reminder, also when the server was down for the first attempt
/// and the job was retried, and when the same job runs twice.
/// </summary>
public sealed class ReminderEmailTests(ReminderHost host) : IClassFixture<ReminderHost>
{
    [Fact]
    public async Task Email_SmtpDownThenRetried_EachReminderArrivesOnceInVietnamese()
    {
        await host.WorldAsync();
        host.Clock.SetUtcNow(ReminderHost.At(2026, 3, 24, 0, 15));
        var run = await host.RunPlannerAsync();
        var queued = host.Mail.TakeAll();
        Assert.Equal(run.Notifications.Order(), queued.Order());

        // The first job meets a closed port: it fails (Hangfire would retry it) and nothing is sent.
        host.StopSmtp();
        await Assert.ThrowsAnyAsync<Exception>(() => host.RunMailJobAsync(queued[0]));
        host.StartSmtp();
        foreach (var id in queued) await host.RunMailJobAsync(id);
        await host.RunMailJobAsync(queued[0]); // a duplicate of a job that already succeeded
        await host.RunMailJobAsync(queued[^1]);

        var mails = host.Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();
        Assert.Equal(queued.Count, mails.Count);
        Assert.Equal(queued.Count, mails.Select(m => m.MessageId).Distinct().Count());

        var commune = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == "xa-a2@test.vn" && m.Subject!.Contains("Quý I", StringComparison.Ordinal)
            && m.Subject.Contains("xã, phường, thị trấn điển hình", StringComparison.Ordinal));
        Assert.Equal("Nhắc hạn: Đăng ký xây dựng xã, phường, thị trấn điển hình (Quý I) (hạn trước ngày 31/03/2026)", commune.Subject);
        Assert.Equal("antq@dongnai.test", commune.From.Mailboxes.Single().Address);
        var body = commune.TextBody;
        Assert.Contains("Kính gửi: xa-a2@test.vn.", body, StringComparison.Ordinal);
        Assert.Contains("còn 7 ngày, đến hết ngày 30/03/2026", body, StringComparison.Ordinal);
        Assert.Contains("Phường Tân Biên chưa hoàn thành: chưa gửi bản đăng ký phấn đấu.", body, StringComparison.Ordinal); // the registered stage speaks of the registration
        Assert.Contains("Xem chi tiết: https://antq.dongnai.test/ho-so", body, StringComparison.Ordinal);
        Assert.DoesNotContain("&", body, StringComparison.Ordinal); // plain text, not HTML-escaped

        // The in-app copy has the same title, without the e-mail footer.
        var inApp = (await host.InboxAsync("xa-a2@test.vn")).Single(n => n.GetProperty("title").GetString() == commune.Subject);
        Assert.DoesNotContain("Xem chi tiết", inApp.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("/ho-so", inApp.GetProperty("link").GetString());
    }
}
