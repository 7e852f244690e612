namespace Antq.TestKit;

/// <summary>
/// A forward-only stream that will not say how long it is, like a network upload or a chunked request body; without
/// <paramref name="syncReads"/>, like a browser upload in Blazor, it only reads asynchronously.
/// </summary>
public sealed class UnknownLengthStream(byte[] bytes, bool syncReads = true) : Stream
{
    private readonly MemoryStream _inner = new(bytes);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) =>
        syncReads ? _inner.Read(buffer, offset, count) : throw new NotSupportedException("synchronous read");
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
