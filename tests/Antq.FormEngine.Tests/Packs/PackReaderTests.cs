using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Tests.Packs;

/// <summary>Zip structure: names, entry types, duplicates, nesting, sizes and counts.</summary>
public sealed class PackReaderTests
{
    [Fact]
    public void ReadZip_GoodPack_ReturnsEveryFile()
    {
        var files = PackAssert.Accepted(PackReader.ReadZip(ZipBuilder.GoodPack().Build()));

        Assert.Equal(ZipBuilder.GoodFiles.Keys.Order(), files.Names.Order());
        Assert.Equal("Kính gửi {{ unit.name }}", PackAssert.Text(files, "templates/to-trinh.scriban"));
    }

    [Fact]
    public void ReadZip_SingleTopFolderWithPackJson_StripsFolder()
    {
        var zip = ZipBuilder.GoodPack("qd9745.xa/").AddFolder("qd9745.xa/").AddFolder("qd9745.xa/tests/").Build();

        var files = PackAssert.Accepted(PackReader.ReadZip(zip));

        Assert.Equal(ZipBuilder.GoodFiles.Keys.Order(), files.Names.Order());
    }

    [Fact]
    public void ReadZip_MacOsFinderZip_StripsFolderAndIgnoresMetadata()
    {
        var zip = ZipBuilder.GoodPack("qd9745.xa/")
            .Add("qd9745.xa/.DS_Store", [0, 0, 0, 1, 0xFF])
            .Add("__MACOSX/qd9745.xa/._pack.json", [0, 5, 22, 7, 0xFF])
            .Build();

        var files = PackAssert.Accepted(PackReader.ReadZip(zip));

        Assert.Equal(ZipBuilder.GoodFiles.Keys.Order(), files.Names.Order());
    }

    [Fact]
    public void ReadZip_TopFolderWithoutPackJson_KeepsPaths()
    {
        var zip = new ZipBuilder().Add("docs/README.md", "x").Add("docs/notes.txt", "y").Build();

        var files = PackAssert.Accepted(PackReader.ReadZip(zip));

        Assert.Equal(["docs/README.md", "docs/notes.txt"], files.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../evil.json")]
    [InlineData("templates/../../evil.json")]
    [InlineData("..")]
    [InlineData("..\\evil.json")]
    public void ReadZip_DotDotSegment_RefusedAsTraversal(string name)
    {
        var zip = ZipBuilder.GoodPack().Add(name, "{}").Build();

        var error = PackAssert.Refused(PackReader.ReadZip(zip), "zip.traversal");

        Assert.Contains(name, error.Message);
    }

    [Theory]
    [InlineData("/etc/x.json")]
    [InlineData("\\x.json")]
    public void ReadZip_AbsolutePath_Refused(string name) =>
        PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add(name, "{}").Build()), "zip.absolute-path");

    [Theory]
    [InlineData("C:/x.json")]
    [InlineData("c:x.json")]
    public void ReadZip_DriveLetter_Refused(string name) =>
        PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add(name, "{}").Build()), "zip.drive-letter");

    [Fact]
    public void ReadZip_Backslash_Refused() =>
        PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add("templates\\a.scriban", "x").Build()), "zip.backslash");

    [Theory]
    [InlineData("templates//a.scriban", "zip.empty-segment")]
    [InlineData("./a.json", "zip.bad-path")]
    [InlineData("a\u0000.json", "zip.bad-path")]
    [InlineData("a.json:stream", "zip.bad-path")]
    public void ReadZip_NonCanonicalName_Refused(string name, string code) =>
        PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add(name, "{}").Build()), code);

    [Fact]
    public void ReadZip_SymlinkEntry_Refused()
    {
        var zip = ZipBuilder.GoodPack().Add("templates/passwd.txt", "/etc/passwd"u8.ToArray(), ZipBuilder.SymlinkMode).Build();

        var error = PackAssert.Refused(PackReader.ReadZip(zip), "zip.link");

        Assert.Equal("templates/passwd.txt", error.Path);
    }

    [Theory]
    [InlineData(ZipBuilder.FifoMode)]
    [InlineData(0x21B6)] // character device
    [InlineData(0xC1FF)] // socket
    [InlineData(0x41ED)] // a folder type on an entry named like a file
    public void ReadZip_OtherNonRegularEntry_Refused(int mode) =>
        PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add("x.txt", "x"u8.ToArray(), mode).Build()), "zip.not-regular");

    [Fact]
    public void ReadZip_RegularUnixMode_Accepted() =>
        PackAssert.Accepted(PackReader.ReadZip(ZipBuilder.GoodPack().Add("notes.txt", "x"u8.ToArray(), 0x81A4).Build()));

    [Fact]
    public void ReadZip_DuplicateName_Refused() =>
        PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add("rules.json", "[{}]").Build()), "zip.duplicate");

    [Theory]
    [InlineData("Pack.json")]
    [InlineData("RULES.JSON")]
    [InlineData("Templates/To-Trinh.scriban")]
    public void ReadZip_CaseFoldedDuplicate_Refused(string name)
    {
        var error = PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add(name, "{}").Build()), "zip.duplicate");

        Assert.Equal(name, error.Path);
    }

    [Fact]
    public void ReadZip_UnicodeNormalisationDuplicate_Refused()
    {
        // "tờ" precomposed (NFC) and decomposed (NFD) are the same name on macOS.
        var zip = ZipBuilder.GoodPack().Add("t\u1edd.md", "a").Add("to\u031b\u0300.md", "b").Build();

        PackAssert.Refused(PackReader.ReadZip(zip), "zip.duplicate");
    }

    [Fact]
    public void ReadZip_FileAndFolderWithSameName_Refused() =>
        PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add("templates", "x").Build()), "zip.duplicate");

    [Theory]
    [InlineData("inner.zip")]
    [InlineData("lib.jar")]
    [InlineData("data.tar.gz")]
    [InlineData("data.tgz")]
    [InlineData("data.7z")]
    [InlineData("data.rar")]
    [InlineData("data.tar")]
    [InlineData("data.bz2")]
    [InlineData("data.xz")]
    public void ReadZip_NestedArchiveByExtension_Refused(string name) =>
        PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add(name, ZipBuilder.GoodPack().BuildBytes()).Build()), "zip.nested-archive");

    [Fact]
    public void ReadZip_NestedZipDisguisedAsJson_Refused()
    {
        var zip = ZipBuilder.GoodPack().Add("tests/case.json", ZipBuilder.GoodPack().BuildBytes()).Build();

        var error = PackAssert.Refused(PackReader.ReadZip(zip), "zip.nested-archive");

        Assert.Equal("tests/case.json", error.Path);
    }

    [Fact]
    public void ReadZip_GzipDisguisedAsText_Refused()
    {
        var gzip = new MemoryStream();
        using (var writer = new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            writer.Write("hello"u8);
        }

        PackAssert.Refused(PackReader.ReadZip(ZipBuilder.GoodPack().Add("notes.txt", gzip.ToArray()).Build()), "zip.nested-archive");
    }

    [Fact]
    public void ReadZip_ZipBombOf60MiB_RefusedWithoutAllocatingIt()
    {
        var zip = ZipBuilder.GoodPack().AddZeros("bomb.txt", 60L * 1024 * 1024).Build();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = PackReader.ReadZip(zip);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var error = PackAssert.Refused(result, "zip.unpacked-too-large");
        Assert.Equal("bomb.txt", error.Path);
        Assert.True(allocated < 8L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void ReadZip_ManySmallFilesOverUnpackedCap_Refused()
    {
        var limits = new PackLimits { MaxUnpackedBytes = 1000 };
        var zip = ZipBuilder.GoodPack().Add("a.txt", new string('a', 600)).Add("b.txt", new string('b', 600)).Build();

        PackAssert.Refused(PackReader.ReadZip(zip, limits), "zip.unpacked-too-large");
    }

    [Fact]
    public void ReadZip_DeclaredSizeLies_CountsActualBytes()
    {
        var bytes = ZipBuilder.GoodPack().AddZeros("bomb.txt", 60L * 1024 * 1024).BuildBytes();
        ZipPatcher.SetDeclaredSize(bytes, "bomb.txt", 10);

        // .NET stops at the declared size; the CRC written for the whole content then gives the lie away.
        var error = PackAssert.Refused(PackReader.ReadZip(new MemoryStream(bytes)), "zip.invalid");

        Assert.Equal("bomb.txt", error.Path);
    }

    [Fact]
    public void ReadZip_DeclaredSizeTooBig_Refused()
    {
        var bytes = ZipBuilder.GoodPack().Add("notes.txt", "ghi chú").BuildBytes();
        ZipPatcher.SetDeclaredSize(bytes, "notes.txt", 900_000_000);

        PackAssert.Refused(PackReader.ReadZip(new MemoryStream(bytes)), "zip.invalid");
    }

    [Fact]
    public void ReadZip_CorruptedContent_RefusedByCrc()
    {
        var bytes = ZipBuilder.GoodPack().Add("notes.txt", "ghi chú").BuildBytes();
        ZipPatcher.SetCrc(bytes, "notes.txt", 0x12345678);

        PackAssert.Refused(PackReader.ReadZip(new MemoryStream(bytes)), "zip.invalid");
    }

    [Fact]
    public void ReadZip_PackedOverLimit_RefusedByBytesRead()
    {
        var limits = new PackLimits { MaxPackedBytes = 100 };
        var stream = new UnknownLengthStream(ZipBuilder.GoodPack().BuildBytes());

        var error = PackAssert.Refused(PackReader.ReadZip(stream, limits), "zip.too-large");

        Assert.Equal("", error.Path);
    }

    [Fact]
    public void ReadZip_501Entries_Refused()
    {
        var builder = ZipBuilder.GoodPack();
        for (var i = ZipBuilder.GoodFiles.Count; i < 501; i++)
        {
            builder.Add($"tests/case-{i}.json", "{}");
        }

        PackAssert.Refused(PackReader.ReadZip(builder.Build()), "zip.too-many-entries");
    }

    [Fact]
    public void ReadZip_500Entries_Accepted()
    {
        var builder = ZipBuilder.GoodPack();
        for (var i = ZipBuilder.GoodFiles.Count; i < 500; i++)
        {
            builder.Add($"tests/case-{i}.json", "{}");
        }

        Assert.Equal(500, PackAssert.Accepted(PackReader.ReadZip(builder.Build())).Names.Count());
    }

    [Fact]
    public void ReadZip_NotAZip_Refused() =>
        PackAssert.Refused(PackReader.ReadZip(new MemoryStream("không phải zip"u8.ToArray())), "zip.invalid");

    [Fact]
    public void ReadZip_SeveralProblems_ReportsEach()
    {
        var zip = ZipBuilder.GoodPack()
            .Add("../evil.json", "{}")
            .Add("link.txt", "/etc/passwd"u8.ToArray(), ZipBuilder.SymlinkMode)
            .Add("rules.json", "[]")
            .Add("run.sh", "rm -rf /")
            .Add("tests/bad.json", "{ \"a\": }")
            .Build();

        var result = PackReader.ReadZip(zip);

        Assert.Null(result.Files);
        Assert.Equal(
            ["file.not-allowed", "json.invalid", "zip.duplicate", "zip.link", "zip.traversal"],
            result.Errors.Select(e => e.Code).Order());
    }
}
