using System.Net;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Http;

/// <summary>Issue 18, item 5: a person who lands on an unknown address or on the job dashboard without rights reads a page in Vietnamese.</summary>
public sealed class StatusPagesTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Theory]
    [InlineData("/khong-co-trang-nay/abc", HttpStatusCode.NotFound, "Không tìm thấy trang")]
    [InlineData("/hangfire", HttpStatusCode.Unauthorized, "Cần đăng nhập")]
    public async Task A_browser_gets_a_Vietnamese_page(string path, HttpStatusCode status, string heading)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{heading}</h1>", html);
        Assert.Contains("lang=\"vi\"", html);
    }

    [Fact]
    public async Task An_API_client_still_gets_problem_json()
    {
        var response = await factory.CreateClient().GetAsync("/khong-co-trang-nay/abc");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
