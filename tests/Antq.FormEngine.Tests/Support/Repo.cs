namespace Antq.FormEngine.Tests.Support;

/// <summary>Paths in the repository (<see cref="RepoPaths"/> of the test kit) and in this project's output.</summary>
public static class Repo
{
    public static string Root => RepoPaths.Root;

    public static string Templates => RepoPaths.Templates;

    public static string CriteriaPacks => RepoPaths.CriteriaPacks;

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);
}
