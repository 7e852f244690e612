namespace Antq.FormEngine.Tests.Support;

/// <summary>Paths in the repository, found by walking up from the test binaries to Antq.Forms.sln.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    public static string CriteriaPacks => Path.Combine(Root, "criteria-packs");

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Antq.Forms.sln"))) return dir.FullName;
        throw new InvalidOperationException("Antq.Forms.sln not found above " + AppContext.BaseDirectory);
    }
}
