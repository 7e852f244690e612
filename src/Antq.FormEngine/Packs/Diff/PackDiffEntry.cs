using System.Text.Json.Serialization;

namespace Antq.FormEngine.Packs.Diff;

[JsonConverter(typeof(JsonStringEnumConverter<DiffKind>))]
public enum DiffKind
{
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("removed")] Removed,
    [JsonStringEnumMemberName("changed")] Changed,
}

/// <summary>The part of a pack a difference is in, in the order a reader wants them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiffArea>))]
public enum DiffArea
{
    [JsonStringEnumMemberName("manifest")] Manifest,
    [JsonStringEnumMemberName("form")] Form,
    [JsonStringEnumMemberName("criteria")] Criteria,
    [JsonStringEnumMemberName("outcome")] Outcome,
    [JsonStringEnumMemberName("templates")] Templates,
    [JsonStringEnumMemberName("deadlines")] Deadlines,
}

/// <summary>
/// One difference between two versions of a pack. <see cref="Key"/> is stable across runs
/// (<c>/ho_gia_dinh/tong#maximum</c>, <c>TC05/TC05.a#expression</c>, <c>deadline:xa-gui-ho-so#due</c>);
/// <see cref="Before"/> and <see cref="After"/> are the values as text (null where absent);
/// <see cref="Description"/> says it in Vietnamese.
/// </summary>
public sealed record PackDiffEntry(DiffKind Kind, DiffArea Area, string Key, string? Before, string? After, string Description);

/// <summary>Every difference from <see cref="FromVersion"/> to <see cref="ToVersion"/>, grouped by area in area order.</summary>
public sealed record PackDiffResult(string PackId, string FromVersion, string ToVersion, IReadOnlyList<PackDiffEntry> Entries)
{
    public bool Same => Entries.Count == 0;
}
