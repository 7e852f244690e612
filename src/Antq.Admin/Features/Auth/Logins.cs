using System.Threading.RateLimiting;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Antq.Admin.Features.Auth;

/// <summary>
/// Login rate limits (System.Threading.RateLimiting fixed windows): per client address
/// (<c>ANTQ_LOGIN_LIMIT_PER_CLIENT</c>, default 20) and per e-mail address (<c>ANTQ_LOGIN_LIMIT_PER_ACCOUNT</c>, default 10),
/// each per <c>ANTQ_LOGIN_LIMIT_WINDOW_SECONDS</c> (default 60). Unknown addresses are limited like known ones.
/// </summary>
public sealed record LoginLimits(int PerClient, int PerAccount, TimeSpan Window)
{
    public static LoginLimits From(IConfiguration configuration) => new(
        Positive(configuration["ANTQ_LOGIN_LIMIT_PER_CLIENT"], 20),
        Positive(configuration["ANTQ_LOGIN_LIMIT_PER_ACCOUNT"], 10),
        TimeSpan.FromSeconds(Positive(configuration["ANTQ_LOGIN_LIMIT_WINDOW_SECONDS"], 60)));

    private static int Positive(string? value, int fallback) => int.TryParse(value, out var n) && n > 0 ? n : fallback;
}

/// <summary>Both limiters chained: an attempt needs a permit from its client's window and from its account's.</summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<(string Client, string Account)> _limiter;
    private readonly TimeSpan _window;

    public LoginThrottle(LoginLimits limits)
    {
        _window = limits.Window;
        var perClient = PartitionedRateLimiter.Create<(string Client, string Account), string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key.Client, _ => Window(limits.PerClient)));
        var perAccount = PartitionedRateLimiter.Create<(string Client, string Account), string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key.Account, _ => Window(limits.PerAccount)));
        _limiter = PartitionedRateLimiter.CreateChained(perClient, perAccount);
    }

    private FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = _window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string client, string account)
    {
        using var lease = _limiter.AttemptAcquire((client, account));
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : _window;
    }

    public void Dispose() => _limiter.Dispose();
}

public enum LoginStatus { Succeeded, Failed, Throttled }

public sealed record LoginOutcome(LoginStatus Status, TimeSpan? RetryAfter = null)
{
    /// <summary>The one answer to every failure: unknown address, wrong password, locked out or disabled alike (no enumeration).</summary>
    public const string FailedMessage = "Sai thư điện tử hoặc mật khẩu, hoặc tài khoản tạm thời không đăng nhập được. Vui lòng thử lại sau hoặc liên hệ quản trị viên.";

    public int RetryAfterSeconds => (int)Math.Max(1, Math.Ceiling((RetryAfter ?? TimeSpan.Zero).TotalSeconds));

    public string Message => Status switch
    {
        LoginStatus.Throttled => $"Có quá nhiều lần đăng nhập. Vui lòng thử lại sau {RetryAfterSeconds} giây.",
        LoginStatus.Failed => FailedMessage,
        _ => "",
    };
}

/// <summary>
/// The one sign-in path of the API and the login page: rate-limited per client and per account, the same answer and
/// about the same time for unknown and known addresses (an unknown one still pays a password-hash verification), and a
/// lockout after wrong passwords only blocks new sign-ins here (sessions keep working; disabling is separate).
/// </summary>
public sealed class Logins(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, LoginThrottle throttle, ILogger<Logins> log)
{
    private static readonly AppUser Nobody = new() { Id = "nobody", UserName = "nobody" };
    private static string? _dummyHash;

    /// <summary>Signs in with <paramref name="scheme"/> (the bearer scheme for the API, the cookie for the UI).</summary>
    public async Task<LoginOutcome> SignInAsync(HttpContext http, string? email, string? password, string scheme, bool persistent)
    {
        email = (email ?? "").Trim();
        password ??= "";
        var users = signIn.UserManager;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.TryAcquire(client, users.NormalizeEmail(email) ?? "") is { } retryAfter)
        {
            log.LogWarning("Login throttled for {Client}", client);
            return new LoginOutcome(LoginStatus.Throttled, retryAfter);
        }
        var user = email.Length == 0 ? null : await users.FindByNameAsync(email) ?? await users.FindByEmailAsync(email);
        if (user is null)
        {
            VerifyDummy(password);
            return new LoginOutcome(LoginStatus.Failed);
        }
        signIn.AuthenticationScheme = scheme;
        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: true);
        if (result.Succeeded) return new LoginOutcome(LoginStatus.Succeeded);
        // Locked out or disabled: Identity answers before checking the password; pay for one anyway.
        if (result.IsLockedOut || result.IsNotAllowed) VerifyDummy(password);
        return new LoginOutcome(LoginStatus.Failed);
    }

    private void VerifyDummy(string password)
    {
        var hash = _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}

/// <summary>Identity's "confirmed account" hook: a disabled account cannot sign in (nor refresh a cookie).</summary>
public sealed class NotDisabledConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!user.Disabled);
}
