using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Transport and browser hardening, first in the pipeline:
/// <list type="bullet">
/// <item>behind a reverse proxy, <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are honoured only from the
/// addresses or networks in <c>ANTQ_TRUSTED_PROXIES</c> (comma-separated, e.g. <c>10.0.0.5,172.16.0.0/12</c>);
/// unset, forwarded headers are ignored;</item>
/// <item>HSTS in Production (sent on HTTPS responses);</item>
/// <item>on every response <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: same-origin</c>,
/// and, unless the response sets its own policy (sandboxed document and evidence downloads, the verify
/// page: their policy stands as written, so the app's preview iframes keep working),
/// <c>X-Frame-Options: SAMEORIGIN</c> and CSP <c>frame-ancestors 'self'</c>. Only <c>frame-ancestors</c>:
/// a fuller policy would need testing against the Blazor UI and Radzen.</item>
/// </list>
/// </summary>
public static class SecurityHeaders
{
    public const string FrameAncestors = "frame-ancestors 'self'";

    public static void UseAntqSecurityHeaders(this WebApplication app)
    {
        if (TrustedProxies(app.Configuration["ANTQ_TRUSTED_PROXIES"]) is { } forwarded) app.UseForwardedHeaders(forwarded);
        if (app.Environment.IsProduction()) app.UseHsts();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                if (headers.ContentSecurityPolicy.Count == 0)
                {
                    headers.ContentSecurityPolicy = FrameAncestors;
                    headers.XFrameOptions = "SAMEORIGIN";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>The forwarded-headers options for <c>ANTQ_TRUSTED_PROXIES</c>, or null when it is unset.</summary>
    public static ForwardedHeadersOptions? TrustedProxies(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return null;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in setting.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/'))
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(entry, out var network)
                    ? network
                    : throw new InvalidOperationException($"ANTQ_TRUSTED_PROXIES: «{entry}» không phải là một dải địa chỉ (CIDR) hợp lệ. / not a valid CIDR network."));
            else
                options.KnownProxies.Add(IPAddress.TryParse(entry, out var address)
                    ? address
                    : throw new InvalidOperationException($"ANTQ_TRUSTED_PROXIES: «{entry}» không phải là một địa chỉ IP hợp lệ. / not a valid IP address."));
        }
        return options;
    }
}
