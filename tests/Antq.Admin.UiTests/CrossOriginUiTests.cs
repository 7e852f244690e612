using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// CSRF in a real browser: the signed-in province administrator opens a page served from another port of the same host
/// (same site, so the SameSite=Lax cookie goes along; another origin). Its auto-submitted form tries to activate a pack
/// version and its script tries to upload a pack, both with the administrator's cookie; nothing changes on the server.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class CrossOriginUiTests(UiServer server)
{
    private const string Pack = "thu-nghiem.csrf";

    private static byte[] PackZip(string version)
    {
        var files = PackArchives.Shipped("tt124.xa");
        var manifest = JsonNode.Parse(files["pack.json"])!.AsObject();
        manifest["id"] = Pack;
        manifest["version"] = version;
        manifest["title"] = "Bộ tiêu chí thử nghiệm chống giả mạo yêu cầu";
        files["pack.json"] = manifest.ToJsonString();
        return PackArchives.Zip(files);
    }

    private Task<HttpClient> BearerAsync() => server.ApiClientAsync("admin@dongnai.demo");

    private static async Task UploadAsync(HttpClient http, byte[] zip)
    {
        var upload = await http.PostZipAsync("/api/packs", zip);
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
    }

    private static async Task<(string? Active, List<string> Versions)> StateAsync(HttpClient http)
    {
        var versions = (await http.GetFromJsonAsync<JsonElement>($"/api/packs/{Pack}/versions")).EnumerateArray()
            .Select(v => v.GetProperty("version").GetString()!).Order().ToList();
        var pack = (await http.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray().Single(p => p.GetProperty("id").GetString() == Pack);
        return (pack.GetProperty("activeVersion").GetString(), versions);
    }

    [Fact]
    public async Task PageOnAnotherPort_CannotActivateOrUploadWithTheAdministratorsCookie()
    {
        using var http = await BearerAsync();
        await UploadAsync(http, PackZip("1.0.0")); // the first version of a new pack becomes active
        await UploadAsync(http, PackZip("1.0.1")); // stored inactive
        var before = await StateAsync(http);
        Assert.Equal("1.0.0", before.Active);

        var page = await server.NewPageAsync();
        await server.LoginAsync(page, "admin@dongnai.demo", "/goi-tieu-chi");

        var attack = $$"""
            <!DOCTYPE html><html><body>
            <form id="f" method="post" action="{{server.BaseUrl}}/api/packs/{{Pack}}/versions/1.0.1/activate"></form>
            <script>
              const bytes = Uint8Array.from(atob("{{Convert.ToBase64String(PackZip("1.0.2"))}}"), c => c.charCodeAt(0));
              const data = new FormData();
              data.append("file", new Blob([bytes], { type: "application/zip" }), "goi.zip");
              fetch("{{server.BaseUrl}}/api/packs", { method: "POST", body: data, credentials: "include", mode: "no-cors" })
                .catch(() => {})
                .finally(() => { document.title = "uploaded"; document.getElementById("f").submit(); });
            </script>
            </body></html>
            """;
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var body = Encoding.UTF8.GetBytes(attack);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        });

        var attacker = await page.Context.NewPageAsync();
        await attacker.GotoAsync($"http://127.0.0.1:{port}/");
        await serving;
        // The form navigates to the API's answer: a Vietnamese refusal, so the request did arrive (with the cookie) and was refused.
        await attacker.WaitForURLAsync(url => url.Contains("/activate", StringComparison.Ordinal));
        await Assertions.Expect(attacker.Locator("body")).ToContainTextAsync("trang web khác");

        var after = await StateAsync(http);
        Assert.Equal(before.Active, after.Active);
        Assert.Equal(before.Versions, after.Versions);
        await page.Context.CloseAsync();
    }

    private static int FreePort()
    {
        var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
