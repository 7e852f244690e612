using System.Security.Claims;
using Antq.Admin.Features.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace Antq.Admin.Tests.Auth;

/// <summary>
/// The bearer ticket cache decrypts a token once, never remembers a token that fails or has expired, and hands every
/// caller its own principal. That revocation still works with it is what <see cref="SessionEndTests"/> checks: each
/// of those tokens is used (and so cached) before the session is ended.
/// </summary>
public sealed class BearerTicketCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(7));

    private sealed class CountingFormat(Func<string, AuthenticationTicket?> decrypt) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Calls;
        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();
        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Interlocked.Increment(ref Calls);
            return protectedText is null ? null : decrypt(protectedText);
        }
    }

    private static AuthenticationTicket Ticket(DateTimeOffset? expires) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u-1")], "Identity.Bearer")),
            new AuthenticationProperties { ExpiresUtc = expires }, "Identity.Bearer");

    [Fact]
    public void ValidToken_DecryptedOnce_EachCallerGetsItsOwnPrincipal()
    {
        var inner = new CountingFormat(_ => Ticket(Now.AddHours(1)));
        using var cache = new BearerTicketCache(inner, new FakeTimeProvider(Now));

        var first = cache.Unprotect("token-a")!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("changed-by", "request-1"));
        var second = cache.Unprotect("token-a")!;
        var third = cache.Unprotect("token-a")!;

        Assert.Equal(1, inner.Calls);
        Assert.Equal("u-1", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Null(second.Principal.FindFirst("changed-by"));
        Assert.NotSame(second.Principal, third.Principal);
        Assert.Equal(Now.AddHours(1), third.Properties.ExpiresUtc);
        Assert.Equal("Identity.Bearer", third.AuthenticationScheme);
    }

    [Fact]
    public void ForgedOrExpiredToken_NeverRemembered()
    {
        var inner = new CountingFormat(text => text == "expired" ? Ticket(Now.AddMinutes(-1)) : null);
        using var cache = new BearerTicketCache(inner, new FakeTimeProvider(Now));

        Assert.Null(cache.Unprotect("forged"));
        Assert.Null(cache.Unprotect("forged"));
        // The bearer handler refuses the expired ticket itself; the cache must not keep it for later calls either.
        Assert.NotNull(cache.Unprotect("expired"));
        Assert.NotNull(cache.Unprotect("expired"));
        Assert.Null(cache.Unprotect(null));

        Assert.Equal(5, inner.Calls);
    }

    [Fact]
    public void DifferentTokensOrAPurpose_DecryptedSeparately()
    {
        var inner = new CountingFormat(_ => Ticket(null));
        using var cache = new BearerTicketCache(inner, new FakeTimeProvider(Now));

        cache.Unprotect("token-a");
        cache.Unprotect("token-b");
        cache.Unprotect("token-a", "another purpose");
        cache.Unprotect("token-a", "another purpose");
        cache.Unprotect("token-a");

        Assert.Equal(4, inner.Calls);
    }
}
