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

        var loaded = await PackLoader.LoadZipAsync(new AsyncOnlyStream(bytes), PackLoadOptions.Default with { TemplateDirectory = Repo.Templates });

        Assert.True(loaded.Ok, string.Join("; ", loaded.Errors));
        Assert.Equal(bytes, loaded.Pack.Files.Archive);
    }

    [Fact]
    public async Task LoadZipAsync_OverTheLimit_RefusedByTheReadersWording()
    {
        var options = PackLoadOptions.Default with { Limits = new PackLimits { MaxPackedBytes = 100 } };

        var loaded = await PackLoader.LoadZipAsync(new AsyncOnlyStream(ZipBuilder.GoodPack().BuildBytes()), options);

        Assert.False(loaded.Ok);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal("zip.too-large", error.Code);
        Assert.Equal("Tệp nén vượt quá giới hạn 100 byte.", error.Message);
    }

    /// <summary>Like a browser upload in Blazor: synchronous reads are not supported.</summary>
    private sealed class AsyncOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous read");
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
