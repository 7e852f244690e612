using System.Diagnostics;
using System.Text;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Pdf;

/// <summary>
/// Prints document HTML to PDF with headless Chromium (<c>--print-to-pdf</c>), which honours the
/// templates' <c>@page</c> size, margins and page-number margin boxes. Chromium is looked for at
/// <c>$ANTQ_CHROMIUM</c>, then the usual install paths and <c>PATH</c> (<c>chromium</c>,
/// <c>chromium-browser</c>, <c>google-chrome</c>). Each conversion runs in its own temporary
/// profile and folder, deleted afterwards, under a timeout. The page cannot load anything: a
/// Content-Security-Policy allowing only inline styles and <c>data:</c> images and fonts is put in
/// its head, so a template cannot make the server fetch a URL or print a local file.
/// </summary>
public static class ChromiumPdf
{
    public const string MissingMessage = "Không tìm thấy Chromium để xuất PDF; cài gói chromium hoặc dùng định dạng html/docx.";

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    private const string Policy =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:\">";

    private static readonly string[] KnownPaths =
    [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium",
    ];

    private static readonly string[] CommandNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

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

    /// <summary>Prints <paramref name="html"/>; the PDF bytes, or <c>pdf.unavailable</c>, <c>pdf.timeout</c> or <c>pdf.failed</c>.</summary>
    public static Task<DocumentResult> ConvertAsync(string html, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ConvertAsync(Find(), html, timeout, cancellationToken);

    /// <summary>Prints with the given executable; null is "not installed".</summary>
    internal static async Task<DocumentResult> ConvertAsync(string? chromium, string html, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (chromium is null)
        {
            return Failed("pdf.unavailable", MissingMessage);
        }
        var folder = Path.Combine(Path.GetTempPath(), "antq-pdf-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
            var input = Path.Combine(folder, "van-ban.html");
            var output = Path.Combine(folder, "van-ban.pdf");
            await File.WriteAllTextAsync(input, WithPolicy(html), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
                WorkingDirectory = folder,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps", "--no-first-run", "--no-default-browser-check",
                "--mute-audio",
                "--user-data-dir=" + Path.Combine(folder, "profile"), "--no-pdf-header-footer", "--print-to-pdf=" + output,
                new Uri(input).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["HOME"] = folder; // crash reports and caches stay in the folder deleted below

            using var process = new Process { StartInfo = start };
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                return Failed("pdf.unavailable", $"{MissingMessage} ({ex.Message})");
            }
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout ?? DefaultTimeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                return Failed("pdf.timeout", $"Chromium không xuất xong PDF trong {(timeout ?? DefaultTimeout).TotalSeconds:0} giây.");
            }
            var errors = await stderr.ConfigureAwait(false);
            await stdout.ConfigureAwait(false);
            if (File.Exists(output) && new FileInfo(output).Length > 0)
            {
                var pdf = await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false);
                if (pdf.AsSpan().StartsWith("%PDF"u8))
                {
                    return new DocumentResult(DocumentFileFormat.Pdf, pdf, []);
                }
            }
            return Failed("pdf.failed", $"Chromium không xuất được PDF (mã thoát {process.ExitCode}). {LastLine(errors)}".TrimEnd());
        }
        catch (IOException ex)
        {
            return Failed("pdf.failed", $"Không ghi được tệp tạm để xuất PDF: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return Failed("pdf.failed", $"Không ghi được tệp tạm để xuất PDF: {ex.Message}");
        }
        finally
        {
            TryDelete(folder);
        }
    }

    /// <summary>The HTML with the no-loading policy as the first element of its head.</summary>
    internal static string WithPolicy(string html)
    {
        var head = html.IndexOf("<head", StringComparison.OrdinalIgnoreCase);
        while (head >= 0 && head + 5 < html.Length && html[head + 5] is not ('>' or ' ' or '\t' or '\n' or '\r'))
        {
            head = html.IndexOf("<head", head + 5, StringComparison.OrdinalIgnoreCase); // not <header>
        }
        if (head >= 0 && html.IndexOf('>', head) is var close and > 0)
        {
            return string.Concat(html.AsSpan(0, close + 1), Policy, html.AsSpan(close + 1));
        }
        var doctype = html.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (doctype >= 0 && html.IndexOf('>', doctype) is var end and > 0)
        {
            return string.Concat(html[..(end + 1)], "<head>" + Policy + "</head>", html[(end + 1)..]);
        }
        return "<head>" + Policy + "</head>" + html;
    }

    private static DocumentResult Failed(string code, string message) =>
        DocumentResult.Failed(DocumentFileFormat.Pdf, new PackError("pdf", code, message));

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // already gone
        }
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = lines.LastOrDefault(l => !l.Contains("dbus", StringComparison.OrdinalIgnoreCase)) ?? "";
        return last.Length > 300 ? last[..300] : last;
    }

    private static void TryDelete(string folder)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100); // Chromium's helpers may still hold the profile for a moment
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
