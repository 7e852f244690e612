using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antq.FormEngine.Packs.Diff;

/// <summary>Collects the entries of one area and turns values into the text people read.</summary>
internal sealed class DiffWriter(DiffArea area)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public List<PackDiffEntry> Entries { get; } = [];

    public void Added(string key, string? after, string description) => Entries.Add(new(DiffKind.Added, area, key, null, after, description));

    public void Removed(string key, string? before, string description) => Entries.Add(new(DiffKind.Removed, area, key, before, null, description));

    public void Changed(string key, string? before, string? after, string description) => Entries.Add(new(DiffKind.Changed, area, key, before, after, description));

    /// <summary>A changed value when the two texts differ: "<paramref name="what"/>: before → after".</summary>
    public void Compare(string key, string? before, string? after, string what)
    {
        if (before == after) return;
        Changed(key, before, after, $"{what}: {Show(before)} → {Show(after)}");
    }

    public static string Show(string? value) => value is null ? "(không có)" : value.Length == 0 ? "(trống)" : $"“{Shorten(value)}”";

    public static string Shorten(string value, int max = 160) => value.Length <= max ? value : value[..(max - 1)] + "…";

    /// <summary>A JSON value as text: strings as they are, everything else as compact JSON.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(Compact),
    };

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], System.Globalization.CultureInfo.InvariantCulture) + text[1..];

    public static string? List(IEnumerable<string>? items) => items is null ? null : string.Join("; ", items);
}
