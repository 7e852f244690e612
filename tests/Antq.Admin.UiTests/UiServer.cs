using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// The real server in process on Kestrel (127.0.0.1, a free port) over a fresh data folder with the
/// shipped packs and the Đồng Nai demo data, and one headless system Chromium driven by Playwright.
/// Shared by every browser test (one server: Hangfire keeps process-wide state).
/// </summary>
public sealed class UiServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DemoPassword = "DongNai@2025";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "antq-ui-tests", Guid.NewGuid().ToString("N"));
    private UiFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go: the test output folder, copied to artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string ArtifactDirectory { get; } = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. Install it with `apt-get install -y chromium` (test.sh does); never `playwright install`.");
        Directory.CreateDirectory(ScreenshotDirectory);
        Directory.CreateDirectory(ArtifactDirectory);

        _factory = new UiFactory(_dataDir);
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser (own cookies) showing a 1366×768 laptop screen, in Vietnamese and Vietnam's time zone.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>An HTTP client of the API signed in (bearer) as a demo account.</summary>
    public Task<HttpClient> ApiClientAsync(string email) =>
        new HttpClient { BaseAddress = new Uri(BaseUrl) }.SignInAsync(email, DemoPassword);

    /// <summary>Signs in through the login page and waits until the app has taken over.</summary>
    public async Task LoginAsync(IPage page, string email, string returnUrl)
    {
        await page.GotoAsync($"{BaseUrl}/dang-nhap?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/dang-nhap", StringComparison.Ordinal));
        // Rendered only once the circuit is up and the account has been loaded.
        await page.Locator("[data-testid=account]").WaitForAsync();
    }

    /// <summary>The header's logout button: back to the login page with the cookie gone.</summary>
    public static async Task LogoutAsync(IPage page)
    {
        await page.ClickAsync("form.antq-logout button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/dang-nhap", StringComparison.Ordinal));
    }

    /// <summary>
    /// Screenshots at 1366×768 and 390×844 (the two widths users have), kept as artifacts: the whole
    /// page, or only the screen (<paramref name="fullPage"/> false) when a dialog is open over it.
    /// </summary>
    public static async Task ShotAsync(IPage page, string name, bool fullPage = true)
    {
        await page.WaitForTimeoutAsync(400); // dialogs and notifications animate in
        await SaveAsync(page, $"{name}-1366.png", fullPage);
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(400);
        await SaveAsync(page, $"{name}-390.png", fullPage);
        if (size is not null) await page.SetViewportSizeAsync(size.Width, size.Height);
        await page.WaitForTimeoutAsync(200);
    }

    // Chromium leaves sticky elements out of full-page captures: unstick them while the picture is taken.
    private const string UnstickCss =
        ".antq-layout > .rz-header, .antq-layout > .rz-sidebar, .antq-savebar, .antq-editor-side { position: static !important; max-height: none !important; }";

    private static async Task SaveAsync(IPage page, string file, bool fullPage)
    {
        var path = Path.Combine(ScreenshotDirectory, file);
        if (fullPage)
        {
            var style = await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = UnstickCss });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            await style.EvaluateAsync("element => element.remove()");
        }
        else
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }
        File.Copy(path, Path.Combine(ArtifactDirectory, file), overwrite: true);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class UiFactory(string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ANTQ_DATA_DIR", dataDir);
            builder.UseSetting("ANTQ_SEED_DEMO", "true");
            builder.UseSetting("ANTQ_WARMUP", "false"); // seconds of CPU the browser tests' first pages would wait for
            // Every test signs in from 127.0.0.1: the login rate limits are raised (their defaults are tested in the API tests).
            builder.UseSetting("ANTQ_LOGIN_LIMIT_PER_CLIENT", "1000000");
            builder.UseSetting("ANTQ_LOGIN_LIMIT_PER_ACCOUNT", "1000000");
            builder.UseSetting("ANTQ_PACKS_DIR", RepoPaths.CriteriaPacks);
            builder.UseSetting("ANTQ_TEMPLATES_DIR", RepoPaths.Templates);
            // Impact previews over more than 2 dossiers run in the background (issue 19), so the pack pages show that path.
            builder.UseSetting("ANTQ_IMPACT_INLINE_MAX", "2");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiServer>
{
    public const string Name = "Browser";
}
