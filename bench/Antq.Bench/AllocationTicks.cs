using System.Diagnostics.Tracing;

namespace Antq.Bench;

/// <summary>
/// The runtime's allocation ticks (GCAllocationTick: one event per ~100 KB allocated, naming the type of the object
/// that crossed the mark) counted by type in this process: a sampled picture of which types a workload allocates,
/// without an external profiler. The listener itself allocates per event, so measure bytes without it.
/// </summary>
public sealed class AllocationTicks : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile bool _counting;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_counting || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100 * 1024;
        lock (_lock) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }

    /// <summary>Counts the ticks while <paramref name="work"/> runs; the types by sampled bytes, largest first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> During(Action work)
    {
        lock (_lock) _bytes.Clear();
        _counting = true;
        try { work(); }
        finally { _counting = false; }
        lock (_lock) return [.. _bytes.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value))];
    }
}
