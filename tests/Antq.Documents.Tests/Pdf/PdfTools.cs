using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Antq.Documents.Pdf;

namespace Antq.Documents.Tests.Pdf;

/// <summary>poppler-utils (<c>pdftotext</c>, <c>pdffonts</c>) over a PDF in a temporary file; scripts/ensure-chromium.sh installs them.</summary>
internal static class PdfTools
{
    public static string Text(byte[] pdf) => Run("pdftotext", ["-q", "-enc", "UTF-8", "{pdf}", "-"], pdf);

    /// <summary>The base font names of <c>pdffonts</c> without their subset tag ("AAAAAA+Tinos-Bold" → "Tinos-Bold").</summary>
    public static IReadOnlyList<string> Fonts(byte[] pdf)
    {
        var lines = Run("pdffonts", ["{pdf}"], pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Skip(2)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])
            .Select(name => name.Contains('+') ? name[(name.IndexOf('+') + 1)..] : name)
            .ToList();
    }

    private static string Run(string tool, string[] arguments, byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), "antq-test-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument == "{pdf}" ? path : argument);
            }
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException($"{tool} is missing: install poppler-utils (scripts/ensure-chromium.sh does). {ex.Message}", ex);
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEndAsync();
                process.WaitForExit(30_000);
                Assert.True(process.ExitCode == 0, $"{tool} failed: {errors.Result}");
                return output.Result;
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>A TCP listener on 127.0.0.1 that counts every connection it is offered (it answers nothing useful).</summary>
internal sealed class ConnectionRecorder : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private int connections;

    public ConnectionRecorder()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref connections);

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref connections);
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var body = "LEAKED-OVER-HTTP"u8.ToArray();
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(head);
                    await stream.WriteAsync(body);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    public void Dispose() => listener.Stop();
}

/// <summary>One warm printer shared by the PDF tests of a class.</summary>
public sealed class PrinterFixture : IAsyncLifetime
{
    public ChromiumPdf Printer { get; } = new(new ChromiumPdfOptions { Concurrency = 4 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Printer.DisposeAsync();
}
