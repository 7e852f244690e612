using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Antq.Admin.Tests.Units;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// The server on a fake clock (Vietnam time helpers below), with SMTP pointed at an in-process
/// server on 127.0.0.1, and the e-mail queue recorded so a test sends the queued e-mails itself as
/// Hangfire would (ANTQ_JOBS=false: no job server runs in tests); so are the password-reset e-mails. The test world is made through
/// the base factory; everything else goes through <see cref="Factory"/>.
/// </summary>
public sealed class ReminderHost : IDisposable
{
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public AntqApiFactory Base { get; } = new();
    public FakeTimeProvider Clock { get; } = new(At(2025, 12, 1, 0, 15));
    public RecordingMailQueue Mail { get; } = new();
    public Accounts.RecordingResetQueue ResetMail { get; } = new();
    public RivalPlanner Rival { get; } = new();
    public SimpleSmtpServer Smtp { get; private set; } = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    /// <summary>SMTP down: connections to its port are refused until <see cref="StartSmtp"/>.</summary>
    public void StopSmtp() => Smtp.Stop();

    /// <summary>A new in-process SMTP server on the same port (nothing received yet).</summary>
    public void StartSmtp()
    {
        var port = Smtp.Configuration.Port;
        Smtp.Dispose();
        Smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(port).Build();
    }
    public WebApplicationFactory<Program> Factory { get; }

    public ReminderHost()
    {
        Factory = Base.WithWebHostBuilder(b =>
        {
            b.UseSetting("ANTQ_SMTP_HOST", "127.0.0.1");
            b.UseSetting("ANTQ_SMTP_PORT", Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("ANTQ_SMTP_FROM", "Hệ thống ANTQ <antq@dongnai.test>");
            b.UseSetting("ANTQ_PUBLIC_URL", "https://antq.dongnai.test");
            b.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<IReminderMailQueue>(Mail);
                services.AddSingleton<Antq.Admin.Features.Accounts.IPasswordResetMailQueue>(ResetMail);
                services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Rival);
            });
        });
    }

    /// <summary>Moves the shared clock forward to <paramref name="moment"/> (never back: the fixture is shared).</summary>
    public void NotBefore(DateTimeOffset moment)
    {
        if (Clock.GetUtcNow() < moment) Clock.SetUtcNow(moment);
    }

    /// <summary>A Vietnam wall-clock time, as the UTC instant a real <see cref="TimeProvider.GetUtcNow"/> would return.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, Vietnam).ToUniversalTime();

    public Task<TestWorld> WorldAsync() => Base.WorldAsync();

    /// <summary>A fresh login each time: bearer tokens expire on the fake clock too.</summary>
    public Task<HttpClient> LoginAsync(string email) => ApiLogin.AsAsync(Factory, email, TestWorld.Password);

    public async Task<PlannerRun> RunPlannerAsync()
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().RunAsync();
    }

    /// <summary>Runs the mail job for every queued e-mail, as Hangfire's workers would; returns how many jobs ran.</summary>
    public async Task<int> RunQueuedMailJobsAsync()
    {
        var queued = Mail.TakeAll();
        foreach (var id in queued) await RunMailJobAsync(id);
        return queued.Count;
    }

    public async Task RunMailJobAsync(Guid notificationId)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReminderMailJob>().SendAsync(notificationId, CancellationToken.None);
    }

    /// <summary>The account's inbox through the API, oldest first.</summary>
    public async Task<List<JsonElement>> InboxAsync(string email)
    {
        var client = await LoginAsync(email);
        var page = await (await client.GetAsync("/api/notifications?take=200")).ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Reverse().ToList();
    }

    public void Dispose()
    {
        Factory.Dispose();
        Base.Dispose();
        Smtp.Dispose();
    }
}

/// <summary>
/// Records what the planner queues. <see cref="CrashNext"/> makes the next enqueue abort the run the
/// way a killed process would (after the notification was written, before its e-mail was queued).
/// </summary>
public sealed class RecordingMailQueue : IReminderMailQueue
{
    private readonly Lock _gate = new();
    private readonly List<Guid> _queued = [];
    private int _crashes;

    public void CrashNext(int times = 1)
    {
        lock (_gate) _crashes = times;
    }

    public void Enqueue(Guid notificationId)
    {
        lock (_gate)
        {
            if (_crashes > 0)
            {
                _crashes--;
                throw new OperationCanceledException("Simulated crash between the insert and the send.");
            }
            _queued.Add(notificationId);
        }
    }

    public List<Guid> TakeAll()
    {
        lock (_gate)
        {
            var all = _queued.ToList();
            _queued.Clear();
            return all;
        }
    }
}

/// <summary>The API calls the reminder tests make to move submissions along, with valid forms from the shipped packs' tests.</summary>
internal static class ReminderActions
{
    public const string CommunePack = "qd9745.xa";
    public const string SafetyPack = "tt124.xa";
    public const string SchoolPack = "qd9745.co-quan-doanh-nghiep-giao-duc";

    public static JsonElement ValidFor(string packId) => packId switch
    {
        SafetyPack => Samples.Data(SafetyPack, "01-dat-tat-ca.json"),
        _ => Samples.Data(packId, "01-tat-ca-dat.json"),
    };

    public static async Task<Guid> RegisterAsync(this ReminderHost host, string email, Antq.Admin.Data.Entities.Unit unit, string packId, int year)
    {
        var client = await host.LoginAsync(email);
        return await client.CreateSubmissionAsync(unit, packId, year, ValidFor(packId));
    }

    public static async Task ActAsync(this ReminderHost host, string email, Guid id, string action, object? body = null)
    {
        var client = await host.LoginAsync(email);
        await (await client.ActAsync(id, action, body)).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>The unit sends its dossier (holding its own meeting first where the pack requires the minutes).</summary>
    public static async Task SubmitAsync(this ReminderHost host, string email, Guid id)
    {
        var client = await host.LoginAsync(email);
        await (await client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
}
