using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Reads the server's own <c>appsettings.json</c> (and <c>appsettings.{Environment}.json</c>) from the folder of its dll
/// when it was started from another working directory. ASP.NET looks for them in the content root, which is the working
/// directory: started as <c>dotnet /opt/antq/Antq.Admin.dll</c> from elsewhere (README's load test, the bench scripts,
/// a service without a working directory) the server ran without them, so every request was logged at Information
/// level — six console lines per request, 128 MB a minute at 6,000 evaluations/s, costlier than the evaluation itself.
/// They come first, so the content root's files, environment variables and the command line still override them.
/// </summary>
public static class AppFolderSettings
{
    public static void AddAppFolderSettings(this IConfigurationBuilder configuration, string contentRoot, string appFolder, string environmentName)
    {
        if (string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentRoot)),
                Path.TrimEndingDirectorySeparator(Path.GetFullPath(appFolder)), StringComparison.Ordinal)
            || !File.Exists(Path.Combine(appFolder, "appsettings.json")))
            return;
        var files = new PhysicalFileProvider(appFolder);
        configuration.Sources.Insert(0, Json(files, $"appsettings.{environmentName}.json"));
        configuration.Sources.Insert(0, Json(files, "appsettings.json"));
    }

    private static JsonConfigurationSource Json(IFileProvider files, string path) =>
        new() { FileProvider = files, Path = path, Optional = true, ReloadOnChange = false };
}
