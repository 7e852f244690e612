using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Antq.Admin.Tests.Auth;

/// <summary>Helpers of the security tests: the UI login form (cookie), problem details.</summary>
public static partial class AuthTestKit
{
    /// <summary>A client without redirects that keeps cookies.</summary>
    public static HttpClient CookieClient(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the login page's form (with its antiforgery token) and returns the answer.</summary>
    public static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/dang-nhap" : "/dang-nhap?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var form = await client.GetStringAsync(path);
        var fields = HiddenInputs().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>A client signed in to the UI: it carries the auth cookie only.</summary>
    public static async Task<HttpClient> CookieLoginAsync(WebApplicationFactory<Program> factory, string email, string password = TestWorld.Password)
    {
        var client = CookieClient(factory);
        var response = await PostLoginFormAsync(client, email, password);
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("antq.auth=", StringComparison.Ordinal)),
            $"No auth cookie after signing in ({(int)response.StatusCode}).");
        return client;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"|<input[^>]*name="(?<name>[^"]+)"[^>]*type="hidden"[^>]*value="(?<value>[^"]*)""")]
    private static partial Regex HiddenInputs();
}
