using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// Template output shown in the browser (the template editor's preview, the review page's draft):
/// the pages keep the HTML here for a short while under an unguessable token bound to the signed-in
/// account, and a sandboxed iframe loads it from <c>GET /xem-truoc/{token}</c>, which answers with a
/// Content-Security-Policy response header (nothing loads, nothing runs, the document is sandboxed).
/// Nothing is put into the document for this; a template cannot undo a response header.
/// </summary>
public sealed class DocumentPreviews(TimeProvider time)
{
    /// <summary>The preview response's policy: inline styles, data: images and fonts, nothing else; sandboxed (opaque origin, no scripts, no forms).</summary>
    public const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'; sandbox";

    public static TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(30);

    private const int MaxEntries = 2000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="html"/> for <paramref name="user"/>; the address the iframe loads it from.</summary>
    public string Put(ClaimsPrincipal user, string html)
    {
        var owner = OwnerOf(user) ?? throw new InvalidOperationException("A preview needs a signed-in account.");
        var now = time.GetUtcNow();
        if (entries.Count >= MaxEntries)
        {
            foreach (var (key, entry) in entries)
            {
                if (entry.Expires <= now) entries.TryRemove(key, out _);
            }
            if (entries.Count >= MaxEntries)
            {
                foreach (var key in entries.OrderBy(e => e.Value.Expires).Take(entries.Count - MaxEntries + 1).Select(e => e.Key).ToList())
                    entries.TryRemove(key, out _);
            }
        }
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        entries[token] = new Entry(owner, Encoding.UTF8.GetBytes(html), now + Lifetime);
        return "/xem-truoc/" + token;
    }

    /// <summary>Forgets a preview the page no longer shows.</summary>
    public void Remove(string? address)
    {
        if (address is not null && address.StartsWith("/xem-truoc/", StringComparison.Ordinal))
            entries.TryRemove(address["/xem-truoc/".Length..], out _);
    }

    /// <summary>The HTML, when the token exists, has not expired and belongs to <paramref name="user"/>.</summary>
    public byte[]? Get(ClaimsPrincipal user, string token)
    {
        if (!entries.TryGetValue(token, out var entry)) return null;
        if (entry.Expires <= time.GetUtcNow())
        {
            entries.TryRemove(token, out _);
            return null;
        }
        return entry.Owner == OwnerOf(user) ? entry.Html : null;
    }

    private static string? OwnerOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Entry(string Owner, byte[] Html, DateTimeOffset Expires);

    public static void MapPreviewRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/xem-truoc/{token}", (string token, DocumentPreviews previews, HttpContext http) =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = Policy;
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "no-store";
                headers["Referrer-Policy"] = "no-referrer";
                var html = previews.Get(http.User, token);
                return html is null
                    ? Results.Content("<!DOCTYPE html><meta charset=\"utf-8\"><p>Bản xem trước đã hết hạn; hãy mở lại.</p>", "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound)
                    : Results.Bytes(html, "text/html; charset=utf-8");
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
    }
}
