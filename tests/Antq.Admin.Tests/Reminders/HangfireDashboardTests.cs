using System.Net;
using System.Text.RegularExpressions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Reminders;

/// <summary>
/// The Hangfire dashboard at /hangfire: administrators only, with an explicit filter (the test
/// server's requests come from nowhere, like a reverse proxy on the same host would make them look
/// local), and without the storage's connection string.
/// </summary>
public sealed partial class HangfireDashboardTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Dashboard_Anonymous_401()
    {
        var response = await factory.CreateClient().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("xa-a1@test.vn")]
    [InlineData("truong-a@test.vn")]
    [InlineData("huyen-a@test.vn")]
    [InlineData("tinh@test.vn")]
    public async Task Dashboard_UnitOrReviewer_403(string email)
    {
        await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire/recurring")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_Admin_OpensWithoutConnectionString()
    {
        await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        foreach (var page in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/servers" })
        {
            var response = await admin.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("hangfire.db", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(factory.DataDirectory, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Password=", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The way an administrator really gets there: signed in to the UI with the cookie.</summary>
    [Theory]
    [InlineData("admin@test.vn", HttpStatusCode.OK)]
    [InlineData("xa-a1@test.vn", HttpStatusCode.Forbidden)]
    [InlineData("tinh@test.vn", HttpStatusCode.Forbidden)]
    public async Task Dashboard_SignedInWithCookie_OnlyAdmin(string email, HttpStatusCode expected)
    {
        await factory.WorldAsync();
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/dang-nhap");
        var fields = HiddenInputs().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = TestWorld.Password;
        var signIn = await client.PostAsync("/dang-nhap", new FormUrlEncodedContent(fields));
        Assert.True(signIn.Headers.Contains("Set-Cookie"), $"No cookie after signing in ({(int)signIn.StatusCode}).");

        Assert.Equal(expected, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"|<input[^>]*name="(?<name>[^"]+)"[^>]*type="hidden"[^>]*value="(?<value>[^"]*)""")]
    private static partial Regex HiddenInputs();
}
