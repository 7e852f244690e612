using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Support;
using Antq.Admin.Tests.Units;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Auth;

/// <summary>
/// Login: one answer and about the same time for unknown and known addresses, locked or disabled accounts; new
/// passwords of at least 10 characters and not on the common-password list; crafted return addresses go home.
/// </summary>
public sealed class LoginHardeningTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private async Task<string> DetailAsync(string email, string password)
    {
        var problem = await AuthTestKit.ProblemAsync(await ApiLogin.TryAsync(factory, email, password), HttpStatusCode.Unauthorized);
        return problem.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task Failures_SameAnswer_UnknownWrongLockedDisabled()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        foreach (var email in new[] { "bi-khoa-tam@test.vn", "bi-vo-hieu@test.vn" })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/accounts",
                new { email, displayName = email, role = "unit", unitId = world.CommuneB1.Id, password = TestWorld.Password })).StatusCode);
        for (var i = 0; i < 10; i++) await ApiLogin.TryAsync(factory, "bi-khoa-tam@test.vn", "sai-mat-khau-" + i);
        var disabledId = (await admin.ItemsAsync("/api/accounts?q=bi-vo-hieu")).Single().Str("id");
        await admin.PutAsJsonAsync($"/api/accounts/{disabledId}", new { active = false });

        var unknown = await DetailAsync("khong-ton-tai@test.vn", "sai-mat-khau");
        Assert.Equal(unknown, await DetailAsync("xa-b1@test.vn", "sai-mat-khau"));
        Assert.Equal(unknown, await DetailAsync("bi-khoa-tam@test.vn", TestWorld.Password));
        Assert.Equal(unknown, await DetailAsync("bi-vo-hieu@test.vn", TestWorld.Password));
        Assert.Contains("Sai thư điện tử hoặc mật khẩu", unknown);
    }

    [Fact]
    public async Task Failures_UnknownAddressVerifiesAPasswordHashLikeAKnownOne()
    {
        // Timing is the symptom (before: 3 ms for an unknown address, 55 ms for a known one); the cause is
        // the password hash verification an unknown address skipped. Count verifications instead of timing them.
        await factory.WorldAsync();
        var counting = new CountingHasher();
        using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(counting)));
        async Task<int> VerificationsAsync(string email)
        {
            var before = counting.Verifications;
            await ApiLogin.TryAsync(host, email, "sai-mat-khau");
            return counting.Verifications - before;
        }

        Assert.Equal(1, await VerificationsAsync("xa-a2@test.vn"));
        Assert.Equal(1, await VerificationsAsync("khong-co-ai@test.vn"));
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Theory]
    [InlineData("Ngan@2025")]      // 9 characters
    [InlineData("qwertyuiop")]     // on the list
    [InlineData("Password2025!")]  // a listed word and digits
    [InlineData("1234567890")]
    public async Task NewPassword_ShortOrCommon_422Vietnamese(string password)
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var problem = await AuthTestKit.ProblemAsync(await admin.PostAsJsonAsync("/api/accounts",
            new { email = "mat-khau-yeu@test.vn", displayName = "Yếu", role = "unit", unitId = world.CommuneB1.Id, password }), HttpStatusCode.UnprocessableEntity);
        var messages = problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("ít nhất 10 ký tự") || m.Contains("quá phổ biến"));
        var someone = (await admin.ItemsAsync("/api/accounts?q=xa-b1@")).Single().Str("id");
        await AuthTestKit.ProblemAsync(await admin.PostAsJsonAsync($"/api/accounts/{someone}/reset-password", new { password }), HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("/a\r\nSet-Cookie: x=1")]
    [InlineData("/đơn-vị")]
    [InlineData("/%zz")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task CraftedReturnUrl_RedirectsHome(string returnUrl)
    {
        await factory.WorldAsync();
        var client = AuthTestKit.CookieClient(factory);
        var response = await AuthTestKit.PostLoginFormAsync(client, "xa-a1@test.vn", TestWorld.Password, returnUrl);
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"{(int)response.StatusCode}");
        Assert.Equal("/", Local(response));
    }

    [Fact]
    public async Task LocalReturnUrl_Kept()
    {
        await factory.WorldAsync();
        var response = await AuthTestKit.PostLoginFormAsync(AuthTestKit.CookieClient(factory), "xa-a1@test.vn", TestWorld.Password, "/ho-so?trang=2");
        Assert.Equal("/ho-so?trang=2", Local(response));
    }

    [Fact]
    public async Task Production_CookieIsSecure()
    {
        await factory.WorldAsync();
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var response = await AuthTestKit.PostLoginFormAsync(AuthTestKit.CookieClient(production), "xa-a1@test.vn", TestWorld.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("antq.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The redirect's target on this server (NavigateTo answers with an absolute address of the site).</summary>
    private static string Local(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
        Assert.Equal("localhost", absolute.Authority);
        return absolute.PathAndQuery;
    }
}

/// <summary>The default login rate limits (20 a minute per client, 10 per account): 429 with Retry-After, in Vietnamese.</summary>
public sealed class LoginRateLimitTests : IDisposable
{
    private readonly AntqApiFactory _factory = new() { RealLoginLimits = true };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task PerAccount_ThenPerClient_429WithRetryAfter()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 12 && refused is null; i++)
        {
            var response = await ApiLogin.TryAsync(_factory, "muc-tieu@test.vn", "sai-" + i);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
        }
        Assert.NotNull(refused);
        Assert.Equal(11, statuses.Count); // 10 per account and minute
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        var problem = await AuthTestKit.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("Vui lòng thử lại sau", problem.GetProperty("detail").GetString());

        // Another address from the same client: the client's own limit (20) follows.
        var more = 0;
        HttpResponseMessage? clientRefused = null;
        for (var i = 0; i < 15 && clientRefused is null; i++, more++)
        {
            var response = await ApiLogin.TryAsync(_factory, $"khac-{i}@test.vn", "sai");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) clientRefused = response;
        }
        Assert.NotNull(clientRefused);
        Assert.InRange(more, 10, 11); // 20 allowed in all (the refused 11th may or may not have used a client permit)
        Assert.True(clientRefused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");

        // The login page answers the same way, with a Vietnamese message.
        var page = await AuthTestKit.PostLoginFormAsync(AuthTestKit.CookieClient(_factory), "muc-tieu@test.vn", "sai");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Contains("Có quá nhiều lần đăng nhập", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }
}
