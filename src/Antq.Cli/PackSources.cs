using Antq.FormEngine;
using Antq.FormEngine.Packs;

namespace Antq.Cli;

/// <summary>Loads a pack for a command, with the shared templates folder resolved.</summary>
internal static class PackSources
{
    public static PackLoadResult Load(CliArgs args, bool runTests = true)
    {
        var path = args.Positional[0];
        if (!Directory.Exists(path) && !File.Exists(path))
            return new PackLoadResult(null, [new PackError(path, "pack.not-found", $"Không tìm thấy gói: {path}")], []);
        var templates = args.Option("--templates") ?? DefaultTemplates();
        if (args.Option("--templates") is { } given && !Directory.Exists(given))
            throw new CliUsageException($"Không có thư mục mẫu văn bản: {given}");
        return PackLoader.Load(path, new PackLoadOptions { TemplateDirectory = templates, RunTests = runTests });
    }

    /// <summary>The repository's <c>templates/</c>: looked for upwards from the working directory, then from the tool itself.</summary>
    private static string? DefaultTemplates()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Antq.Forms.sln")) && Directory.Exists(Path.Combine(dir.FullName, "templates")))
                    return Path.Combine(dir.FullName, "templates");
        return null;
    }

    public static void PrintErrors(IEnumerable<PackError> errors, TextWriter output)
    {
        foreach (var error in errors) output.WriteLine($"  ✗ {error.Path}: {error.Message} [{error.Code}]");
    }
}
