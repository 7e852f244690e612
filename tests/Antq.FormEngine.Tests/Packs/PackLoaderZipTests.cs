using System.IO.Compression;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Packs;

/// <summary>The one entry for an uploaded .zip: read once under the size limit, worded by the reader, bytes kept.</summary>
public sealed class PackLoaderZipTests
{
    [Fact]
    public async Task LoadZipAsync_ShippedPack_AcceptedWithTheBytesRead()
    {
        using var zip = new MemoryStream();
        ZipFile.CreateFromDirectory(Path.Combine(Repo.CriteriaPacks, "tt124.xa"), zip);
        var bytes = zip.ToArray();

        var loaded = await PackLoader.LoadZipAsync(new UnknownLengthStream(bytes, syncReads: false), PackLoadOptions.Default with { TemplateDirectory = Repo.Templates });

        Assert.True(loaded.Ok, string.Join("; ", loaded.Errors));
        Assert.Equal(bytes, loaded.Pack.Files.Archive);
    }

    [Fact]
    public async Task LoadZipAsync_OverTheLimit_RefusedByTheReadersWording()
    {
        var options = PackLoadOptions.Default with { Limits = new PackLimits { MaxPackedBytes = 100 } };

        var loaded = await PackLoader.LoadZipAsync(new UnknownLengthStream(ZipBuilder.GoodPack().BuildBytes(), syncReads: false), options);

        Assert.False(loaded.Ok);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal("zip.too-large", error.Code);
        Assert.Equal("Tệp nén vượt quá giới hạn 100 byte.", error.Message);
    }
}
