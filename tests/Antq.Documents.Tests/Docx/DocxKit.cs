using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Antq.Documents;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Tests.Documents;
using Antq.FormEngine.Tests.Support;

namespace Antq.Documents.Tests.Docx;

/// <summary>Renders the default templates to DOCX for the sample commune, and reads DOCX parts back with a plain XML parser.</summary>
internal static class DocxKit
{
    public static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static TheoryData<string> Templates => new() { "to-trinh", "bao-cao-ket-qua", "bien-ban-hop-xet" };

    public static ParsedTemplate Template(string id)
    {
        var parsed = TemplateSandbox.Parse(File.ReadAllText(Path.Combine(Repo.Templates, $"{id}.scriban")), $"templates/{id}.scriban");
        Assert.True(parsed.Ok, string.Join("\n", parsed.Errors));
        return parsed.Template;
    }

    public static byte[] RenderDocx(string id, bool draft = false)
    {
        var result = DocumentOutput.RenderDocx(Template(id), DocumentSamples.Model(id, draft));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Content;
    }

    /// <summary>Every entry of the package, each parsed by <see cref="XDocument"/> when it is XML.</summary>
    public static Dictionary<string, XDocument> Parts(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        var parts = new Dictionary<string, XDocument>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            parts[entry.FullName] = XDocument.Load(stream);
        }
        return parts;
    }

    public static XDocument Part(byte[] docx, string name) => Parts(docx)[name];

    /// <summary>
    /// The text of word/document.xml: one line per paragraph with text (or a border, drawn as a
    /// rule), in document order, table cells included; "[StyleId] " before it; a line break is " / ".
    /// </summary>
    public static string DocumentText(byte[] docx)
    {
        var document = Part(docx, "word/document.xml");
        var builder = new StringBuilder();
        foreach (var paragraph in document.Descendants(W + "p"))
        {
            var text = new StringBuilder();
            foreach (var node in paragraph.Descendants())
            {
                if (node.Name == W + "t")
                {
                    text.Append(node.Value);
                }
                else if (node.Name == W + "br")
                {
                    text.Append(" / ");
                }
            }
            var properties = paragraph.Element(W + "pPr");
            var style = properties?.Element(W + "pStyle")?.Attribute(W + "val")?.Value;
            var rule = properties?.Element(W + "pBdr") is not null;
            if (text.Length == 0 && !rule)
            {
                continue;
            }
            if (style is not null)
            {
                builder.Append('[').Append(style).Append("] ");
            }
            builder.Append(rule && text.Length == 0 ? "────" : text.ToString()).Append('\n');
        }
        return builder.ToString();
    }

    public static void AssertGolden(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("ANTQ_UPDATE_GOLDEN") == "1")
        {
            var folder = Path.Combine(Repo.Root, "tests", "Antq.Documents.Tests", "TestData", "Documents", "Docx");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name), actual);
            return;
        }
        var expected = File.ReadAllText(Repo.TestData("Documents", "Docx", name));
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual);
    }

    /// <summary>The full path of <paramref name="command"/> on PATH, or null.</summary>
    public static string? OnPath(string command)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Runs a tool to completion (killed after <paramref name="timeout"/>); its exit code and output.</summary>
    public static (int Exit, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
