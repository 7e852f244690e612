using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// When the Blazor circuit drops, the display that covers the page speaks Vietnamese (Components/Layout/ReconnectModal.razor),
/// never Blazor's English default ("Rejoining the server…", "Rejoin failed… trying again in 3 seconds").
/// The disconnect is forced: the page's WebSocket is closed and every new connection attempt refused.
/// </summary>
[Collection(UiCollection.Name)]
public sealed partial class ReconnectUiTests(UiServer server)
{
    private const string Admin = "admin@dongnai.demo";

    // Words of Blazor's built-in reconnect texts; none may be on screen.
    [GeneratedRegex(@"\b(Rejoin\w*|Reconnect\w*|Retry\w*|Resume|failed|seconds|server|connection|trying)\b", RegexOptions.IgnoreCase)]
    private static partial Regex English();

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task CircuitDrops_ReconnectDisplay_IsVietnamese(int width, int height)
    {
        var page = await server.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        // Keep a handle on the circuit's WebSocket so the test can close it as a network drop would.
        await page.AddInitScriptAsync("""
            (() => {
              const Native = window.WebSocket;
              window.__antqSockets = [];
              window.WebSocket = function (...args) { const socket = new Native(...args); window.__antqSockets.push(socket); return socket; };
              window.WebSocket.prototype = Native.prototype;
              Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
            })();
            """);
        await server.LoginAsync(page, Admin, "/huong-dan");
        var modal = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal).ToBeHiddenAsync();

        // Refuse every new connection (SignalR negotiates over HTTP first), then drop the open socket.
        await page.RouteAsync("**/_blazor/**", route => route.AbortAsync("connectionrefused"));
        await page.EvaluateAsync("() => window.__antqSockets.filter(s => s.readyState === 1).forEach(s => s.close(4000, 'test'))");

        await Assertions.Expect(modal).ToBeVisibleAsync();
        await Assertions.Expect(modal).ToContainTextAsync("Mất kết nối với máy chủ");
        // After the first refused attempt it counts down to the next one, in Vietnamese.
        await Assertions.Expect(modal).ToHaveClassAsync(new Regex("components-reconnect-retrying"), new() { Timeout = 30_000 });
        await Assertions.Expect(modal.Locator(".antq-reconnect-when-retrying")).ToContainTextAsync(new Regex(@"Thử lại sau \d+ giây"));
        await Assertions.Expect(modal.Locator(".antq-reconnect-when-show")).ToBeHiddenAsync(); // one sentence per state
        // Text selectors pierce shadow roots, where Blazor's own English display would live.
        await Assertions.Expect(page.GetByText(English())).ToHaveCountAsync(0);
        Assert.DoesNotMatch(English(), await page.EvaluateAsync<string>("() => document.body.innerText"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(UiServer.ScreenshotDirectory, $"90-mat-ket-noi-{width}.png") });
        File.Copy(Path.Combine(UiServer.ScreenshotDirectory, $"90-mat-ket-noi-{width}.png"), Path.Combine(UiServer.ArtifactDirectory, $"90-mat-ket-noi-{width}.png"), overwrite: true);
        await page.Context.CloseAsync();
    }
}
