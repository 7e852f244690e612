namespace Antq.FormEngine;

/// <summary>
/// Shared boxes of the values forms carry most — yes/no and small counts — for the typed form's setters and the values
/// explanations keep, which only read them: a box per value read was a good part of an evaluation's allocations.
/// </summary>
internal static class Boxes
{
    private static readonly object True = true, False = false;
    private static readonly object[] SmallLongs = [.. Enumerable.Range(0, 256).Select(i => (object)(long)i)];

    public static object Of(bool value) => value ? True : False;

    public static object Of(long value) => value is >= 0 and < 256 ? SmallLongs[value] : value;

    /// <summary>The value boxed, through the shared boxes when it is a <see cref="bool"/> or a <see cref="long"/>.</summary>
    public static object? Of<T>(T value)
    {
        if (typeof(T) == typeof(bool)) return Of((bool)(object)value!);
        if (typeof(T) == typeof(long)) return Of((long)(object)value!);
        return value;
    }
}
