namespace Antq.FormEngine.Tests.Packs;

/// <summary>A scratch folder for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "antq-pack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public TempFolder WithGoodPack()
    {
        foreach (var (name, text) in ZipBuilder.GoodFiles)
        {
            Write(name, text);
        }
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
