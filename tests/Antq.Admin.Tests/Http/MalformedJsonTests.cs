using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Http;

/// <summary>Bodies that are not valid JSON text (invalid UTF-8, lone surrogates) are the client's error: 400, never 500.</summary>
public sealed class MalformedJsonTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static TheoryData<string> Bodies => new()
    {
        "invalid-utf8",
        "lone-surrogate-escaped",
        "lone-surrogate-key",
        "overlong-utf8",
    };

    private static byte[] Body(string kind, string prefix, string suffix) => kind switch
    {
        "invalid-utf8" => [.. Encoding.UTF8.GetBytes(prefix + "\"x"), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"" + suffix)],
        "overlong-utf8" => [.. Encoding.UTF8.GetBytes(prefix + "\"x"), 0xC0, 0xAF, .. Encoding.UTF8.GetBytes("\"" + suffix)],
        "lone-surrogate-escaped" => Encoding.UTF8.GetBytes(prefix + "\"\\ud800\"" + suffix),
        "lone-surrogate-key" => Encoding.UTF8.GetBytes(prefix.Replace("\"tc01\"", "\"\\udc00\"") + "\"x\"" + suffix),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Evaluate_MalformedBody_400Vietnamese(string kind)
    {
        await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");

        var response = await client.PostAsync($"/api/packs/{Samples.CommunePack}/evaluate", Json(Body(kind, "{\"data\":{\"tc01\":{\"note\":", "}}}")));

        await ExpectBadRequestAsync(response);
    }

    /// <summary>The same bodies without a Content-Length (chunked): the check reads them as they come.</summary>
    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Evaluate_MalformedBodyWithoutLength_400Vietnamese(string kind)
    {
        await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");

        var response = await client.SendAsync(Chunked($"/api/packs/{Samples.CommunePack}/evaluate", Body(kind, "{\"data\":{\"tc01\":{\"note\":", "}}}")));

        await ExpectBadRequestAsync(response);
    }

    /// <summary>A valid body reaches the endpoint whole whether it comes with a Content-Length or chunked.</summary>
    [Fact]
    public async Task Evaluate_ValidBodyWithOrWithoutLength_SameAnswer()
    {
        await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var body = Encoding.UTF8.GetBytes($"{{\"unit\":{{\"kind\":\"xa\"}},\"year\":2025,\"data\":{{\"tc01\":{{\"note\":\"{new string('ô', 3000)}\"}}}}}}");

        var withLength = await client.PostAsync($"/api/packs/{Samples.CommunePack}/evaluate", Json(body));
        var chunked = await client.SendAsync(Chunked($"/api/packs/{Samples.CommunePack}/evaluate", body));

        Assert.Equal(HttpStatusCode.OK, withLength.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chunked.StatusCode);
        Assert.Equal(await withLength.Content.ReadAsStringAsync(), await chunked.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Chunked(string url, byte[] body)
    {
        var content = new StreamContent(new UnknownLengthStream(body)); // no length known up front
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task DraftSave_MalformedBody_400Vietnamese(string kind)
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = Guid.NewGuid();
        var prefix = $"{{\"unitId\":{world.CommuneA1.Id},\"packId\":\"{Samples.CommunePack}\",\"year\":2042,\"data\":{{\"tc01\":{{\"note\":";

        var response = await client.PutAsync($"/api/submissions/{id}", Json(Body(kind, prefix, "}}}")));

        await ExpectBadRequestAsync(response);
        await (await client.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.NotFound);
    }

    private static async Task ExpectBadRequestAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Yêu cầu không hợp lệ", problem.GetProperty("title").GetString());
    }
}
