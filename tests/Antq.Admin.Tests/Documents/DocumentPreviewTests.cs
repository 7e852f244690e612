using System.Net;
using System.Security.Claims;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Documents;

/// <summary>
/// Template output shown in the browser comes from /xem-truoc/{token} with the policy in a response
/// header (no meta tag put into the document), only to the account it was made for.
/// </summary>
public sealed class DocumentPreviewTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    // The reported attack: a comment-hidden head and elements before it. The header applies whatever the document says.
    private const string Hostile = "<!--<head>--><iframe src=\"file:///etc/hostname\"></iframe><img src=\"http://127.0.0.1:9/x\"><p>Bản nháp</p>";

    [Fact]
    public async Task Preview_IsServedWithAPolicyHeader_AndTheDocumentUnchanged()
    {
        await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var address = await PutAsync("xa-a1@test.vn", Hostile);

        var response = await commune.GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocumentPreviews.Policy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("sandbox", DocumentPreviews.Policy.Split(';').Select(d => d.Trim()));
        Assert.Contains("default-src 'none'", DocumentPreviews.Policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(Hostile, body); // nothing inserted: no meta policy is relied on
        Assert.DoesNotContain("http-equiv", body);
    }

    [Fact]
    public async Task Preview_IsOnlyForItsAccount()
    {
        await factory.WorldAsync();
        var address = await PutAsync("xa-a1@test.vn", "<p>riêng</p>");
        var other = await TestWorld.LoginAsync(factory, "admin@test.vn");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(address)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(address)).StatusCode);
        var owner = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/xem-truoc/khong-co")).StatusCode);
    }

    private Task<string> PutAsync(string email, string html) =>
        factory.WithServicesAsync(async services =>
        {
            var user = await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user!.Id.ToString())], "test"));
            return services.GetRequiredService<DocumentPreviews>().Put(principal, html);
        });
}
