using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Tests.Packs;

/// <summary>Reading a pack folder, and <see cref="PackReader.Read"/> choosing between folder and zip.</summary>
public sealed class PackReaderDirectoryTests : IDisposable
{
    private readonly TempFolder _folder = new TempFolder().WithGoodPack();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadDirectory_GoodFolder_ReadsFilesWithForwardSlashKeys()
    {
        var files = PackAssert.Accepted(PackReader.ReadDirectory(_folder.Path));

        Assert.Equal(ZipBuilder.GoodFiles.Keys.Order(), files.Names.Order());
        Assert.Equal("Kính gửi {{ unit.name }}", PackAssert.Text(files, "templates/to-trinh.scriban"));
    }

    [Fact]
    public void ReadDirectory_SameContentAsItsZip_SameHash()
    {
        var fromFolder = PackAssert.Accepted(PackReader.ReadDirectory(_folder.Path));
        var fromZip = PackAssert.Accepted(PackReader.ReadZip(ZipBuilder.GoodPack().Build()));

        Assert.Equal(fromZip.ContentHash(), fromFolder.ContentHash());
    }

    [Fact]
    public void ReadDirectory_HiddenBinAndObj_Ignored()
    {
        _folder.Write(".git/config", "[core]");
        _folder.Write(".editorconfig", "root = true");
        _folder.Write("bin/tool.exe", "MZ");
        _folder.Write("obj/x.cache", "x");
        _folder.Write("tests/.hidden.json", "{");

        var files = PackAssert.Accepted(PackReader.ReadDirectory(_folder.Path));

        Assert.Equal(ZipBuilder.GoodFiles.Keys.Order(), files.Names.Order());
    }

    [Fact]
    public void ReadDirectory_SymlinkFile_Refused()
    {
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "templates", "passwd.txt"), "/etc/passwd");

        var error = PackAssert.Refused(PackReader.ReadDirectory(_folder.Path), "dir.link");

        Assert.Equal("templates/passwd.txt", error.Path);
    }

    [Fact]
    public void ReadDirectory_SymlinkFolder_Refused()
    {
        using var outside = new TempFolder();
        outside.Write("secret.txt", "bí mật");
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "extra"), outside.Path);

        PackAssert.Refused(PackReader.ReadDirectory(_folder.Path), "dir.link");
    }

    [Fact]
    public async Task ReadDirectory_NamedPipe_DoesNotBlock()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(_folder.Path, "pipe.txt")))
        {
            mkfifo.WaitForExit();
        }

        var result = await Task.Run(() => PackReader.ReadDirectory(_folder.Path)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(PackAssert.Accepted(result).Get("pipe.txt")!);
    }

    [Fact]
    public void ReadDirectory_CaseFoldedDuplicate_Refused()
    {
        _folder.Write("Pack.json", "{}");
        if (Directory.GetFiles(_folder.Path, "*.json").Length == ZipBuilder.GoodFiles.Keys.Count(k => k.EndsWith(".json") && !k.Contains('/')))
        {
            return; // a case-insensitive file system cannot hold both names
        }

        PackAssert.Refused(PackReader.ReadDirectory(_folder.Path), "dir.duplicate");
    }

    [Fact]
    public void ReadDirectory_ContentProblems_ReportsEach()
    {
        _folder.Write("tests/bad.json", "{ \"a\": }");
        _folder.Write("inner.zip", "PK");
        File.WriteAllBytes(Path.Combine(_folder.Path, "notes.txt"), [0xFF]);

        var result = PackReader.ReadDirectory(_folder.Path);

        Assert.Null(result.Files);
        Assert.Equal(["dir.nested-archive", "file.not-utf8", "json.invalid"], result.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public void ReadDirectory_TooManyEntries_Refused() =>
        PackAssert.Refused(PackReader.ReadDirectory(_folder.Path, new PackLimits { MaxEntries = 3 }), "dir.too-many-entries");

    [Fact]
    public void ReadDirectory_OverUnpackedCap_Refused()
    {
        _folder.Write("big.txt", new string('x', 5000));

        PackAssert.Refused(PackReader.ReadDirectory(_folder.Path, new PackLimits { MaxUnpackedBytes = 4096 }), "dir.unpacked-too-large");
    }

    [Fact]
    public void Read_Folder_ReadsFolder() => PackAssert.Accepted(PackReader.Read(_folder.Path));

    [Fact]
    public void Read_ZipFile_ReadsZip()
    {
        using var scratch = new TempFolder();
        var zipPath = Path.Combine(scratch.Path, "pack.zip");
        File.WriteAllBytes(zipPath, ZipBuilder.GoodPack("qd9745.xa/").BuildBytes());

        var files = PackAssert.Accepted(PackReader.Read(zipPath));

        Assert.True(files.Contains("pack.json"));
    }

    [Theory]
    [InlineData("khong-co.zip")]
    [InlineData("khong-co")]
    public void Read_MissingPath_NotFound(string name) =>
        PackAssert.Refused(PackReader.Read(Path.Combine(_folder.Path, name)), "pack.not-found");

    [Fact]
    public void ReadDirectory_MissingPath_NotFound() =>
        PackAssert.Refused(PackReader.ReadDirectory(Path.Combine(_folder.Path, "khong-co")), "pack.not-found");
}
