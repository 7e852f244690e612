namespace Antq.FormEngine.Packs;

/// <summary>
/// The files of a pack, read into memory (never extracted to disk). Keys are relative paths with
/// forward slashes (<c>pack.json</c>, <c>templates/to-trinh.scriban</c>), compared ordinally.
/// </summary>
public sealed class PackFiles
{
    private readonly IReadOnlyDictionary<string, byte[]> _files;

    public PackFiles(IReadOnlyDictionary<string, byte[]> files) => _files = files;

    public IEnumerable<string> Names => _files.Keys;

    /// <summary>The .zip these files were read from, byte for byte, when they came from one (what a registry stores).</summary>
    public byte[]? Archive { get; internal set; }

    public bool Contains(string name) => _files.ContainsKey(name);

    public byte[]? Get(string name) => _files.TryGetValue(name, out var bytes) ? bytes : null;

    /// <summary>Total unpacked size in bytes.</summary>
    public long TotalBytes => _files.Values.Sum(b => (long)b.Length);

    /// <summary>The SHA-256 of the content, independent of entry order (for immutability checks).</summary>
    public string ContentHash()
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var name in _files.Keys.Order(StringComparer.Ordinal))
        {
            var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
            sha.AppendData(BitConverter.GetBytes(nameBytes.Length));
            sha.AppendData(nameBytes);
            sha.AppendData(BitConverter.GetBytes(_files[name].LongLength));
            sha.AppendData(_files[name]);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
