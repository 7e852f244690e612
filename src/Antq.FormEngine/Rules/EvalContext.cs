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

    /// <summary>
    /// The first field this expression read that is missing or invalid, or -1. From then on its reads give default
    /// values and its answer does not count: the caller reports "cannot be evaluated" for this field, exactly what
    /// stopping at the read would have given, without an exception per missing field (they were a fifth of an
    /// evaluation's time on a partly filled form).
    /// </summary>
    internal int UnavailableField = -1;

    /// <summary>True once a read has found a missing or invalid field: the expression's answer does not count.</summary>
    internal bool Stopped => UnavailableField >= 0;

    internal readonly List<(int FieldId, object? Value)> Reads = new(MaxReads);

    /// <summary>Values an explanation lists at most (<see cref="Record"/> keeps the first ones).</summary>
    private const int MaxReads = 12;

    internal void Reset(long fuel)
    {
        Fuel = fuel;
        UnavailableField = -1;
        Reads.Clear();
    }

    // The static methods below are called from compiled expression trees.

    /// <summary>False once a read has found a missing or invalid field: later reads do not touch their owner (an absent parent object is null).</summary>
    public static bool Running(EvalContext context) => context.UnavailableField < 0;

    /// <summary>Whether the field can be read; a missing or invalid one stops the expression (<see cref="UnavailableField"/>).</summary>
    public static bool Readable(EvalContext context, bool[]? absent, int index, int fieldId)
    {
        if (absent is null || !absent[index]) return true;
        context.UnavailableField = fieldId;
        return false;
    }

    /// <summary>
    /// Keeps a value read for the explanation. Generic, so a number or yes/no is boxed only when it is kept (the first
    /// read of a field, within <see cref="MaxReads"/>), and common ones not at all (<see cref="Boxes"/>): the compiled
    /// expressions used to box every read they made.
    /// </summary>
    public static void Record<T>(EvalContext context, int fieldId, T value)
    {
        var reads = context.Reads;
        if (reads.Count >= MaxReads) return;
        foreach (var read in reads)
            if (read.FieldId == fieldId) return;
        reads.Add((fieldId, Boxes.Of(value)));
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

/// <summary>Thrown inside a compiled expression when it has used up its work budget.</summary>
public sealed class FuelExhaustedException() : Exception("work budget exhausted");
