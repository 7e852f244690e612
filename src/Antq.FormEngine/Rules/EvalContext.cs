using System.Collections;

namespace Antq.FormEngine.Rules;

/// <summary>
/// Per-evaluation state that compiled expressions call into: the read guard (a read of a missing or
/// invalid field stops the criterion as "cannot be evaluated"), the values read (for the
/// explanation) and the fuel meter that bounds the work one criterion may do.
/// </summary>
public sealed class EvalContext
{
    /// <summary>Work units one criterion may spend (lambda calls, items scanned, 64-char string chunks).</summary>
    public const long DefaultFuel = 2_000_000;

    internal long Fuel;
    internal readonly List<(int FieldId, object? Value)> Reads = new(MaxReads);

    /// <summary>Values an explanation lists at most (<see cref="Record"/> keeps the first ones).</summary>
    private const int MaxReads = 12;

    internal void Reset(long fuel)
    {
        Fuel = fuel;
        Reads.Clear();
    }

    // The static methods below are called from compiled expression trees.

    public static void Check(EvalContext context, bool[]? absent, int index, int fieldId)
    {
        if (absent is not null && absent[index]) throw new FieldUnavailableException(fieldId);
        _ = context;
    }

    public static void Record(EvalContext context, int fieldId, object? value)
    {
        var reads = context.Reads;
        if (reads.Count >= MaxReads) return;
        foreach (var read in reads)
            if (read.FieldId == fieldId) return;
        reads.Add((fieldId, value));
    }

    public static void Tick(EvalContext context)
    {
        if (--context.Fuel < 0) throw new FuelExhaustedException();
    }

    public static string ChargeString(EvalContext context, string value)
    {
        context.Fuel -= 1 + (value?.Length ?? 0) / 64;
        if (context.Fuel < 0) throw new FuelExhaustedException();
        return value!;
    }

    public static IEnumerable<T> ChargeSequence<T>(EvalContext context, IEnumerable<T> source)
    {
        context.Fuel -= 1 + (source is ICollection collection ? collection.Count : 0);
        if (context.Fuel < 0) throw new FuelExhaustedException();
        return source;
    }
}

/// <summary>Thrown inside a compiled expression when it reads a field that is missing or invalid.</summary>
public sealed class FieldUnavailableException(int fieldId) : Exception("field unavailable")
{
    public int FieldId { get; } = fieldId;
}

/// <summary>Thrown inside a compiled expression when it has used up its work budget.</summary>
public sealed class FuelExhaustedException() : Exception("work budget exhausted");
