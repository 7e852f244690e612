using Antq.Admin.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Antq.Admin.Tests.Http;

/// <summary>
/// A server started from another working directory still reads the appsettings.json beside its dll (before, it ran
/// with every request logged at Information level); what the working directory, the environment or the command line
/// say still wins.
/// </summary>
public sealed class AppFolderSettingsTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("antq-app-").FullName;
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("antq-cwd-").FullName;

    public AppFolderSettingsTests()
    {
        File.WriteAllText(Path.Combine(_app, "appsettings.json"),
            """{ "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } }, "Only": { "InApp": "app" } }""");
        File.WriteAllText(Path.Combine(_app, "appsettings.Production.json"), """{ "Only": { "InProduction": "yes" } }""");
    }

    private IConfigurationRoot Build(Action<ConfigurationBuilder> after)
    {
        var builder = new ConfigurationBuilder();
        builder.AddJsonFile(Path.Combine(_workingDirectory, "appsettings.json"), optional: true); // ASP.NET's own source
        after(builder);
        builder.AddAppFolderSettings(_workingDirectory, _app, "Production");
        return builder.Build();
    }

    [Fact]
    public void StartedElsewhere_ReadsTheAppFoldersSettings()
    {
        var configuration = Build(_ => { });

        Assert.Equal("Warning", configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
        Assert.Equal("yes", configuration["Only:InProduction"]);
    }

    [Fact]
    public void WorkingDirectoryAndEnvironment_StillOverride()
    {
        File.WriteAllText(Path.Combine(_workingDirectory, "appsettings.json"), """{ "Only": { "InApp": "working directory" } }""");
        var configuration = Build(b => b.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information" }));

        Assert.Equal("working directory", configuration["Only:InApp"]);
        Assert.Equal("Information", configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    [Fact]
    public void StartedInTheAppFolder_NothingAddedTwice()
    {
        var builder = new ConfigurationBuilder();
        builder.AddAppFolderSettings(_app + Path.DirectorySeparatorChar, _app, "Production");

        Assert.Empty(builder.Sources);
    }

    public void Dispose()
    {
        Directory.Delete(_app, recursive: true);
        Directory.Delete(_workingDirectory, recursive: true);
    }
}
