namespace Antq.FormEngine.Packs;

public static partial class PackReader
{
    /// <summary>
    /// Reads a pack folder under the same limits and checks as a zip. Hidden entries, <c>bin/</c> and
    /// <c>obj/</c> are skipped; links are refused, since they could pull in files from outside the pack.
    /// The folder itself may be a link: whoever passes the path chose it.
    /// </summary>
    public static PackReadResult ReadDirectory(string path, PackLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= PackLimits.Default;
        var root = new DirectoryInfo(path);
        if (!root.Exists)
        {
            return NotFound(path);
        }

        var errors = new List<PackError>();
        var found = new List<(string Key, FileInfo File)>();
        if (!Walk(root, limits, found, errors))
        {
            return PackReadResult.Fail(errors);
        }

        var skipped = CheckDuplicates(found.Select(f => f.Key), Source.Dir, errors);
        var candidates = found
            .Where(f => !skipped.Contains(f.Key))
            .Select(f => new Candidate(f.Key, () => Open(f.File)))
            .ToList();
        var loaded = Load(candidates, Source.Dir, limits, errors);
        return PackReadResult.From(loaded, errors);
    }

    /// <summary>
    /// Walks the tree without recursion (a deep tree cannot overflow the stack) and stops as soon as
    /// there are too many entries. False when the walk was cut short.
    /// </summary>
    private static bool Walk(DirectoryInfo root, PackLimits limits, List<(string Key, FileInfo File)> found, List<PackError> errors)
    {
        var pending = new Stack<(DirectoryInfo Folder, string Prefix)>();
        pending.Push((root, ""));
        var count = 0;
        while (pending.TryPop(out var current))
        {
            FileSystemInfo[] children;
            try
            {
                children = [.. current.Folder.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(Unreadable(current.Prefix.Length == 0 ? "." : current.Prefix, Source.Dir));
                continue;
            }
            foreach (var child in children)
            {
                var isFolder = child is DirectoryInfo;
                if (child.Name.StartsWith('.') || (isFolder && IsIgnoredFolder(child.Name)))
                {
                    continue;
                }
                if (++count > limits.MaxEntries)
                {
                    errors.Add(Source.Dir.Error("", "too-many-entries", $"Thư mục gói có hơn {limits.MaxEntries} tệp và thư mục con."));
                    return false;
                }
                var key = current.Prefix + child.Name;
                if (child.LinkTarget is not null)
                {
                    errors.Add(Source.Dir.Error(key, "link", $"“{key}” là một liên kết (symlink); gói không được chứa liên kết."));
                }
                else if (isFolder)
                {
                    pending.Push(((DirectoryInfo)child, key + "/"));
                }
                else if (CheckPath(key, Source.Dir) is { } error)
                {
                    errors.Add(error);
                }
                else
                {
                    found.Add((key, (FileInfo)child));
                }
            }
        }
        return true;
    }

    /// <summary>
    /// .NET cannot tell a FIFO or a device from a regular file, and opening a FIFO blocks until someone
    /// writes to it. Such files report a size of 0, and an empty file needs no reading anyway.
    /// </summary>
    private static Stream Open(FileInfo file) =>
        file.Length == 0 ? new MemoryStream([], writable: false) : new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
}
