using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Antq.Admin.Features.Accounts;
using Antq.Admin.Tests.Reminders;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Antq.Admin.Tests.Accounts;

/// <summary>
/// The forgot-password page answers a known and an unknown address alike, having done the same thing for both (queued the
/// address); the queued job then e-mails the reset link to the known account only, through a real SMTP conversation.
/// </summary>
public sealed partial class ForgotPasswordTests(ReminderHost host) : IClassFixture<ReminderHost>
{
    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)" */?>""")]
    private static partial Regex HiddenInput();

    [Fact]
    public async Task ForgotPassword_KnownAndUnknownAddress_SameAnswerSameWork_MailOnlyToTheAccount()
    {
        await host.Base.WorldAsync();
        var known = await AskAsync("xa-a1@test.vn");
        var unknown = await AskAsync("khong-co-ai@test.vn");

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(WithoutTokens(known.Body), WithoutTokens(unknown.Body));
        Assert.Contains("data-testid=\"reset-sent\"", known.Body, StringComparison.Ordinal);
        // Both requests did the same: one address queued each; nothing was sent while the page answered.
        var queued = host.ResetMail.TakeAll();
        Assert.Equal(["xa-a1@test.vn", "khong-co-ai@test.vn"], queued.Select(q => q.Email));
        Assert.Empty(host.Smtp.ReceivedEmail);

        foreach (var (email, origin) in queued)
        {
            using var scope = host.Factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<PasswordResetMailJob>().SendAsync(email, origin, CancellationToken.None);
        }
        var mail = Assert.Single(host.Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))));
        Assert.Equal("xa-a1@test.vn", mail.To.Mailboxes.Single().Address);
        Assert.Equal(PasswordResetMailJob.Subject, mail.Subject);
        Assert.Contains("https://antq.dongnai.test/dat-lai-mat-khau?email=xa-a1%40test.vn&token=", mail.TextBody, StringComparison.Ordinal);
    }

    [GeneratedRegex("<!--Blazor-Server-Component-State:[^-]*-->")]
    private static partial Regex PersistedState();

    /// <summary>The page without the component state Blazor persists into it, encrypted afresh (another IV) on every answer.</summary>
    private static string WithoutTokens(string body) => PersistedState().Replace(body, "");

    /// <summary>Posts the page's form as a browser does (its antiforgery token and handler name from the form first read).</summary>
    private async Task<(HttpStatusCode Status, string Body)> AskAsync(string email)
    {
        var client = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var form = await client.GetStringAsync("/quen-mat-khau");
        var fields = HiddenInput().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        var response = await client.PostAsync("/quen-mat-khau", new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Records the addresses the page queues (no job server runs in tests).</summary>
public sealed class RecordingResetQueue : IPasswordResetMailQueue
{
    private readonly ConcurrentQueue<(string Email, string Origin)> _queued = new();

    public void Enqueue(string email, string origin) => _queued.Enqueue((email, origin));

    public List<(string Email, string Origin)> TakeAll()
    {
        var all = new List<(string Email, string Origin)>();
        while (_queued.TryDequeue(out var item)) all.Add(item);
        return all;
    }
}
