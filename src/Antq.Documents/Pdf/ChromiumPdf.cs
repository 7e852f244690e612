using System.Collections.Concurrent;
using System.Diagnostics;
using Antq.FormEngine;
using PuppeteerSharp;

namespace Antq.Documents.Pdf;

/// <summary>Settings of a <see cref="ChromiumPdf"/> printer.</summary>
public sealed record ChromiumPdfOptions
{
    /// <summary>The browser; null looks it up (<see cref="ChromiumPdf.Find"/>: <c>$ANTQ_CHROMIUM</c>, then the usual paths). A path that does not exist is "not installed".</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>Pages printing at the same time (each a warm tab in its own incognito context); more wait.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Longest one print may take; past it the request fails with <c>pdf.timeout</c> and its tab is replaced.</summary>
    public TimeSpan Timeout { get; init; } = ChromiumPdf.DefaultTimeout;
}

/// <summary>
/// Prints document HTML to PDF with one warm, locked-down headless Chromium driven over the DevTools
/// protocol (PuppeteerSharp, on a pipe: no debugging port). The templates' <c>@page</c> size, margins
/// and page-number margin boxes are honoured (<c>PreferCSSPageSize</c>).
///
/// <para><b>Isolation does not depend on the HTML.</b> Every tab has JavaScript disabled, network
/// emulated offline, service workers bypassed and request interception on: every request whose URL
/// is not <c>data:</c> (file://, http(s)://, anything) is aborted by the browser before it is made.
/// The document is written into an <c>about:blank</c> tab (never loaded from <c>file://</c>), so it has
/// no file origin either. Nothing is inserted into the document for security; the only thing added
/// is our own stylesheet with the embedded Tinos typeface (<see cref="PdfFonts"/>).</para>
///
/// <para><b>Warm and bounded.</b> The browser starts on first use (thread-safe) and stays up; up to
/// <see cref="ChromiumPdfOptions.Concurrency"/> tabs print at once and are reused. A print that
/// exceeds its timeout fails alone: its tab (and incognito context) is thrown away, and if the
/// browser does not answer that either, the browser is killed and relaunched. When the browser
/// process dies, the prints it held are retried once on a new browser, so only a request that
/// itself hangs fails.</para>
/// </summary>
public sealed class ChromiumPdf : IAsyncDisposable
{
    public const string MissingMessage = "Không tìm thấy Chromium để xuất PDF; cài gói chromium hoặc dùng định dạng html/docx.";

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    private static readonly string[] KnownPaths =
    [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium",
    ];

    private static readonly string[] CommandNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private const int PrintsPerTab = 500;

    private readonly string? configuredPath;
    private readonly TimeSpan timeout;
    private readonly SemaphoreSlim slots;
    private readonly SemaphoreSlim launchLock = new(1, 1);
    private readonly ConcurrentBag<Tab> idle = [];
    private volatile IBrowser? browser;
    private string? checkedExecutable;
    private bool disposed;

    public ChromiumPdf(ChromiumPdfOptions? options = null)
    {
        options ??= new ChromiumPdfOptions();
        configuredPath = options.ExecutablePath;
        timeout = options.Timeout;
        slots = new SemaphoreSlim(Math.Max(1, options.Concurrency));
    }

    /// <summary>The Chromium executable, or null when none is installed.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("ANTQ_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }
        foreach (var path in KnownPaths)
        {
            if (File.Exists(path))
            {
                return path;
            }
        }
        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in CommandNames)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public static bool IsAvailable => Find() is not null;

    /// <summary>The browser process currently printing (null before the first print or after a crash); for tests and diagnostics.</summary>
    public Process? BrowserProcess => browser?.Process;

    /// <summary>Prints once with a printer of its own (the CLI); a server keeps one <see cref="ChromiumPdf"/> instead.</summary>
    public static async Task<DocumentResult> ConvertOnceAsync(string html, ChromiumPdfOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var printer = new ChromiumPdf(options);
        return await printer.ConvertAsync(html, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prints <paramref name="html"/>; the PDF bytes, or <c>pdf.unavailable</c>, <c>pdf.timeout</c> or <c>pdf.failed</c>.</summary>
    public async Task<DocumentResult> ConvertAsync(string html, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        // Looked up on every print (a stat or two), so installing Chromium or setting ANTQ_CHROMIUM
        // takes effect without a restart.
        var executable = configuredPath is { } configured ? (File.Exists(configured) ? configured : null) : Find();
        if (executable is null)
        {
            return Failed("pdf.unavailable", MissingMessage);
        }
        var document = PdfFonts.WithEmbeddedFonts(html);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await slots.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TimedOut();
        }
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                Tab tab;
                try
                {
                    tab = await RentAsync(executable, limit.Token).WaitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return TimedOut(); // the browser did not start in time; the launch gives up on its own
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException and not ObjectDisposedException)
                {
                    return Failed("pdf.failed", $"Chromium không khởi động được để xuất PDF. {FirstLine(ex.Message)}".TrimEnd());
                }
                try
                {
                    var pdf = await PrintAsync(tab, document, limit.Token).WaitAsync(limit.Token).ConfigureAwait(false);
                    if (++tab.Prints < PrintsPerTab)
                    {
                        idle.Add(tab);
                    }
                    else
                    {
                        _ = DiscardAsync(tab, hung: false); // a fresh renderer now and then, so memory cannot creep
                    }
                    if (pdf.AsSpan().StartsWith("%PDF"u8))
                    {
                        return new DocumentResult(DocumentFileFormat.Pdf, pdf, []);
                    }
                    return Failed("pdf.failed", "Chromium không xuất được PDF (kết quả không phải tệp PDF).");
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    _ = DiscardAsync(tab, hung: true); // this request fails alone; the other tabs keep printing
                    return TimedOut();
                }
                catch (OperationCanceledException)
                {
                    _ = DiscardAsync(tab, hung: true);
                    throw;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    var crashed = tab.Owner.IsClosed || !tab.Owner.IsConnected;
                    _ = DiscardAsync(tab, hung: false);
                    if (crashed && attempt == 0)
                    {
                        continue; // the browser died under this print: once more on a fresh one
                    }
                    return Failed("pdf.failed", $"Chromium không xuất được PDF. {FirstLine(ex.Message)}".TrimEnd());
                }
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private DocumentResult TimedOut() => Failed("pdf.timeout", $"Chromium không xuất xong PDF trong {timeout.TotalSeconds:0} giây.");

    private static async Task<byte[]> PrintAsync(Tab tab, string html, CancellationToken cancellationToken)
    {
        var milliseconds = (int)DefaultTimeout.TotalMilliseconds;
        await tab.Page.SetContentAsync(html, new SetContentOptions
        {
            WaitUntil = [WaitUntilNavigation.Load],
            Timeout = milliseconds,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);
        return await tab.Page.PdfDataAsync(new PdfOptions
        {
            PreferCSSPageSize = true,
            PrintBackground = true,
            DisplayHeaderFooter = false,
            WaitForFonts = true,
            Timeout = milliseconds,
        }).ConfigureAwait(false);
    }

    private async Task<Tab> RentAsync(string executable, CancellationToken cancellationToken)
    {
        while (idle.TryTake(out var tab))
        {
            if (!tab.Owner.IsClosed && tab.Owner.IsConnected && !tab.Page.IsClosed && ReferenceEquals(tab.Owner, browser))
            {
                return tab;
            }
            _ = DiscardAsync(tab, hung: false);
        }
        var current = await BrowserAsync(executable, cancellationToken).ConfigureAwait(false);
        return await OpenTabAsync(current).ConfigureAwait(false);
    }

    /// <summary>A new tab in its own incognito context, locked down before any document is written into it.</summary>
    private static async Task<Tab> OpenTabAsync(IBrowser owner)
    {
        var context = await owner.CreateBrowserContextAsync(new BrowserContextOptions
        {
            DownloadBehavior = new DownloadBehavior { Policy = DownloadPolicy.Deny },
        }).ConfigureAwait(false);
        try
        {
            var page = await context.NewPageAsync().ConfigureAwait(false);
            await page.SetJavaScriptEnabledAsync(false).ConfigureAwait(false);
            await page.SetBypassServiceWorkerAsync(true).ConfigureAwait(false);
            await page.SetOfflineModeAsync(true).ConfigureAwait(false);
            page.Request += OnRequest;
            await page.SetRequestInterceptionAsync(true).ConfigureAwait(false);
            return new Tab(owner, context, page);
        }
        catch
        {
            await CloseQuietlyAsync(context).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Only <c>data:</c> URLs load (embedded images and fonts), and our own typeface, answered here
    /// from the assembly's bytes (<see cref="PdfFonts.Origin"/>; no other address of that reserved
    /// host exists). A navigation (meta refresh, a frame's
    /// address) is answered here with an empty 204, which the browser treats as "stay where you are",
    /// so the document itself is printed rather than an error page; every other request is aborted by
    /// the browser. Nothing is fetched either way.
    /// </summary>
    private static async void OnRequest(object? sender, RequestEventArgs e)
    {
        try
        {
            if (!e.Request.IsNavigationRequest && PdfFonts.TryGet(e.Request.Url, out var font))
            {
                await e.Request.RespondAsync(new ResponseData
                {
                    Status = System.Net.HttpStatusCode.OK,
                    BodyData = font,
                    ContentType = "font/woff2",
                    Headers = new Dictionary<string, object> { ["Access-Control-Allow-Origin"] = "*" },
                }).ConfigureAwait(false);
            }
            else if (e.Request.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && !e.Request.IsNavigationRequest)
            {
                await e.Request.ContinueAsync().ConfigureAwait(false);
            }
            else if (e.Request.IsNavigationRequest)
            {
                await e.Request.RespondAsync(new ResponseData { Status = System.Net.HttpStatusCode.NoContent, Body = "" }).ConfigureAwait(false);
            }
            else
            {
                await e.Request.AbortAsync(RequestAbortErrorCode.BlockedByClient).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is PuppeteerException or InvalidOperationException or ObjectDisposedException)
        {
            // the tab or browser went away; nothing was loaded
        }
    }

    private async Task<IBrowser> BrowserAsync(string executable, CancellationToken cancellationToken)
    {
        if (browser is { IsClosed: false, IsConnected: true } running)
        {
            return running;
        }
        await launchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (browser is { IsClosed: false, IsConnected: true } started)
            {
                return started;
            }
            if (browser is { } dead)
            {
                Kill(dead);
            }
            if (checkedExecutable != executable)
            {
                await CheckIsChromiumAsync(executable).ConfigureAwait(false);
                checkedExecutable = executable;
            }
            browser = await Puppeteer.LaunchAsync(LaunchOptions(executable)).ConfigureAwait(false);
            return browser;
        }
        finally
        {
            launchLock.Release();
        }
    }

    /// <summary>
    /// Asks the program for its version once: over a pipe the launcher would wait its whole timeout
    /// for a program that is not a browser; this says so at once.
    /// </summary>
    private static async Task CheckIsChromiumAsync(string path)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--version");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Không chạy được {path}.");
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }
            throw new InvalidOperationException($"{path} --version không trả lời.");
        }
        var version = await output.ConfigureAwait(false);
        if (process.ExitCode != 0 || !version.Contains("Chrom", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{path} không phải Chromium (mã thoát {process.ExitCode}).");
        }
    }

    private static LaunchOptions LaunchOptions(string path)
    {
        List<string> args =
        [
            "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--disable-default-apps", "--no-first-run", "--no-default-browser-check",
            "--mute-audio", "--disable-breakpad", "--disable-crash-reporter", "--disable-domain-reliability",
            // One renderer per tab for every frame: with site isolation a cross-site iframe or <object>
            // becomes its own target, outside the tab's request interception and offline emulation.
            "--disable-site-isolation-trials",
            // Every host name and address resolves to nothing. Interception aborts every request, but
            // Chromium still opens speculative TCP preconnects to an iframe's or <object>'s origin
            // (seen in the isolation tests: a connection, no bytes); with this they cannot connect.
            "--host-resolver-rules=\"MAP * ~NOTFOUND\"", // quoted: PuppeteerSharp joins the arguments into one command line
            "--disable-features=IsolateOrigins,site-per-process,Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
        ];
        if (IsRoot())
        {
            // Chromium refuses to start as root with its own sandbox on; the server and CI (fresh Debian
            // as root) need --no-sandbox there. Isolation from files and the network comes from the
            // DevTools side (interception, offline, no JavaScript, about:blank), not from this sandbox.
            args.Add("--no-sandbox");
        }
        return new LaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Pipe = true, // DevTools over a pipe: no debugging port on localhost
            Args = [.. args],
            Timeout = 30_000,
            ProtocolTimeout = 60_000,
            DefaultViewport = null,
        };
    }

    private static bool IsRoot()
    {
        try
        {
            var status = File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return status?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) == "0";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Environment.UserName == "root";
        }
    }

    /// <summary>Closes a tab's incognito context; when the browser does not answer (hung), kills it so the next print relaunches.</summary>
    private async Task DiscardAsync(Tab tab, bool hung)
    {
        var closed = await CloseQuietlyAsync(tab.Context).ConfigureAwait(false);
        if (!closed && hung && ReferenceEquals(tab.Owner, browser))
        {
            Kill(tab.Owner);
        }
    }

    private static async Task<bool> CloseQuietlyAsync(IBrowserContext context)
    {
        try
        {
            await context.CloseAsync().WaitAsync(CloseTimeout).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static void Kill(IBrowser target)
    {
        try
        {
            if (target.Process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // already gone
        }
        try
        {
            target.Dispose();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // the connection is already broken
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        // A launch still under way (a program that never answers) gives up on its own; do not wait for it forever.
        var locked = await launchLock.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        try
        {
            disposed = true;
            if (browser is { } current)
            {
                browser = null;
                try
                {
                    await current.CloseAsync().WaitAsync(CloseTimeout).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // fall through to the kill
                }
                Kill(current);
            }
        }
        finally
        {
            if (locked)
            {
                launchLock.Release();
            }
        }
    }

    private static DocumentResult Failed(string code, string message) =>
        DocumentResult.Failed(DocumentFileFormat.Pdf, new PackError("pdf", code, message));

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length > 300 ? line[..300] : line;
    }

    private sealed record Tab(IBrowser Owner, IBrowserContext Context, IPage Page)
    {
        public int Prints { get; set; }
    }
}
