using System.Globalization;

namespace Antq.Admin.Infrastructure;

/// <summary>A setting that is a count (of dossiers, of rows): absent means its default; anything but a whole number of at least <c>min</c> stops the start with the setting named.</summary>
public static class WholeNumberSetting
{
    public static int Read(IConfiguration configuration, string key, int fallback, int min, string unit)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new InvalidOperationException($"{key} must be a whole number of {unit} ({min} or more), not '{text}'.");
    }
}
