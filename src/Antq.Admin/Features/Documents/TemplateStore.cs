using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>A template version ready to render: the stored record and its parsed form.</summary>
public sealed record CurrentTemplate(string Key, int Version, string Sha256, ParsedTemplate Parsed);

/// <summary>
/// Document templates as versioned, append-only records. A key is a template id (<c>to-trinh</c>)
/// for the shared templates, seeded from the repository's <c>templates/</c>, or
/// <c>packId@version:templateId</c> for a template a pack version ships (pack-format.md: the pack's
/// own template wins). Version 1 of a key is seeded from its file on first use; the highest
/// version is current. Parsed templates are cached by content hash.
/// </summary>
public sealed class TemplateStore(AntqDbContext db, AntqOptions options, TemplateCache cache, TimeProvider time)
{
    public const string SeedActor = "system";

    /// <summary>The key a pack's document renders from.</summary>
    public static string KeyFor(CompiledPack pack, DocumentRef document) =>
        pack.Files.Contains($"templates/{document.Template}.scriban")
            ? $"{pack.Manifest.Id}@{pack.Manifest.Version}:{document.Template}"
            : document.Template;

    /// <summary>The file name errors are reported against.</summary>
    public static string FileName(string key) => $"{key}.scriban";

    /// <summary>The current version of the template <paramref name="document"/> renders from (seeding version 1 if needed),
    /// or the reason there is none.</summary>
    public Task<(CurrentTemplate? Template, string? Error)> CurrentForAsync(CompiledPack pack, DocumentRef document, CancellationToken ct)
    {
        var key = KeyFor(pack, document);
        return CurrentAsync(key, document.Template, () => SeedSource(key, pack), ct);
    }

    /// <summary>The current version of a shared template no pack document names (a statutory report), seeded from <c>templates/</c> on first use.</summary>
    public Task<(CurrentTemplate? Template, string? Error)> CurrentSharedAsync(string templateId, CancellationToken ct) =>
        CurrentAsync(templateId, templateId, () => SeedSource(templateId, null), ct);

    private async Task<(CurrentTemplate? Template, string? Error)> CurrentAsync(string key, string templateId, Func<string?> seed, CancellationToken ct)
    {
        var record = await CurrentRecordAsync(key, ct) ?? await SeedAsync(key, seed(), ct);
        if (record is null) return (null, $"Không tìm thấy mẫu văn bản «{templateId}».");
        var parsed = Parse(record);
        return parsed.Ok
            ? (new CurrentTemplate(key, record.Version, record.Sha256, parsed.Template), null)
            : (null, $"Mẫu văn bản «{key}» phiên bản {record.Version} không phân tích được: {string.Join(" ", parsed.Errors.Select(e => e.ToString()))}");
    }

    public Task<TemplateVersionRecord?> CurrentRecordAsync(string key, CancellationToken ct) =>
        db.TemplateVersions.AsNoTracking().Where(t => t.Key == key).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);

    public TemplateParseResult Parse(TemplateVersionRecord record) => cache.Parse(record.Sha256, record.Source, FileName(record.Key));

    /// <summary>Seeds every shared template file and every template the given packs ship, where not seeded yet.</summary>
    public async Task SeedAllAsync(IEnumerable<CompiledPack> packs, CancellationToken ct)
    {
        var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (options.TemplatesDirectory is { } dir && Directory.Exists(dir))
            foreach (var file in Directory.GetFiles(dir, "*.scriban").Order(StringComparer.Ordinal))
                keys[Path.GetFileNameWithoutExtension(file)] = await File.ReadAllTextAsync(file, ct);
        foreach (var pack in packs)
            foreach (var document in pack.Manifest.Documents)
            {
                var key = KeyFor(pack, document);
                if (!keys.ContainsKey(key)) keys[key] = SeedSource(key, pack);
            }
        var existing = await db.TemplateVersions.AsNoTracking().Select(t => t.Key).Distinct().ToListAsync(ct);
        foreach (var (key, source) in keys)
            if (!existing.Contains(key)) await SeedAsync(key, source, ct);
    }

    /// <summary>Adds a version after the current one; null when <paramref name="expectedCurrent"/> is stale
    /// or another save took the number first.</summary>
    public async Task<TemplateVersionRecord?> AddVersionAsync(string key, string source, int expectedCurrent, Account actor, string? note, CancellationToken ct)
    {
        var current = await db.TemplateVersions.Where(t => t.Key == key).MaxAsync(t => (int?)t.Version, ct) ?? 0;
        if (current != expectedCurrent) return null;
        var record = NewRecord(key, current + 1, source, actor.UserId, actor.Name, note);
        return await TryInsertAsync(record, ct) ? record : null;
    }

    private string? SeedSource(string key, CompiledPack? pack)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && pack is not null)
            return pack.Files.Get($"templates/{key[(colon + 1)..]}.scriban") is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        var path = options.TemplatesDirectory is { } dir ? Path.Combine(dir, $"{key}.scriban") : null;
        return path is not null && File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private async Task<TemplateVersionRecord?> SeedAsync(string key, string? source, CancellationToken ct)
    {
        if (source is null) return null;
        var record = NewRecord(key, 1, source, SeedActor, "Mẫu gốc", "Phiên bản gốc (từ tệp mẫu)");
        // A concurrent first use seeded it meanwhile: theirs is the same file, read it back.
        return await TryInsertAsync(record, ct) ? record : await CurrentRecordAsync(key, ct);
    }

    private TemplateVersionRecord NewRecord(string key, int version, string source, string byId, string byName, string? note) => new()
    {
        Key = key, Version = version, Source = source, Sha256 = Sha256(source), Note = note,
        CreatedById = byId, CreatedByName = byName, CreatedAt = time.GetUtcNow(),
    };

    private async Task<bool> TryInsertAsync(TemplateVersionRecord record, CancellationToken ct)
    {
        db.TemplateVersions.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(record).State = EntityState.Detached; // the unique (key, version) index: someone else was first
            return false;
        }
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>Parsed templates by content hash, for the life of the process (a version's source never changes).</summary>
public sealed class TemplateCache
{
    private readonly ConcurrentDictionary<string, TemplateParseResult> _parsed = new(StringComparer.Ordinal);

    public TemplateParseResult Parse(string sha256, string source, string file) =>
        _parsed.GetOrAdd($"{sha256}|{file}", _ => TemplateSandbox.Parse(source, file));
}
