using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Antq.Admin.Features.Accounts;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace Antq.Admin.Tests.Accounts;

/// <summary>
/// The forgot-password page answers a known and an unknown address alike, having done the same thing for both (queued the
/// address); the queued job then e-mails the reset link to the known account only, through a real SMTP conversation.
/// </summary>
public sealed partial class ForgotPasswordTests(ForgotPasswordHost host) : IClassFixture<ForgotPasswordHost>
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
        var queued = host.Queue.TakeAll();
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

/// <summary>The server with SMTP pointed at an in-process server and the reset e-mails' queue recorded (no job server runs in tests).</summary>
public sealed class ForgotPasswordHost : IDisposable
{
    public AntqApiFactory Base { get; } = new();
    public RecordingResetQueue Queue { get; } = new();
    public SimpleSmtpServer Smtp { get; } = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
    public WebApplicationFactory<Program> Factory { get; }

    public ForgotPasswordHost()
    {
        Factory = Base.WithWebHostBuilder(b =>
        {
            b.UseSetting("ANTQ_SMTP_HOST", "127.0.0.1");
            b.UseSetting("ANTQ_SMTP_PORT", Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("ANTQ_SMTP_FROM", "Hệ thống ANTQ <antq@dongnai.test>");
            b.UseSetting("ANTQ_PUBLIC_URL", "https://antq.dongnai.test");
            b.ConfigureTestServices(services => services.AddSingleton<IPasswordResetMailQueue>(Queue));
        });
    }

    public void Dispose()
    {
        Factory.Dispose();
        Base.Dispose();
        Smtp.Dispose();
    }
}

public sealed class RecordingResetQueue : IPasswordResetMailQueue
{
    private readonly Lock _gate = new();
    private readonly List<(string Email, string Origin)> _queued = [];

    public void Enqueue(string email, string origin)
    {
        lock (_gate) _queued.Add((email, origin));
    }

    public List<(string Email, string Origin)> TakeAll()
    {
        lock (_gate)
        {
            var all = _queued.ToList();
            _queued.Clear();
            return all;
        }
    }
}
