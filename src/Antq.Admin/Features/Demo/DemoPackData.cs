using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antq.Admin.Features.Demo;

/// <summary>
/// A shipped pack's test case moved to another year. The cases are written for one year (their dates,
/// "năm" fields); the demo files them in the current year and in the three-level history year, and
/// criteria such as "resolution issued in Quý I" only hold when the dates move with the year.
/// </summary>
internal static class DemoPackData
{
    public static JsonElement ForYear(JsonElement data, int fromYear, int toYear)
    {
        if (fromYear == toYear) return data;
        var node = JsonNode.Parse(data.GetRawText());
        var shifted = Shift(node, null, toYear - fromYear);
        return JsonSerializer.SerializeToElement(shifted);
    }

    private static JsonNode? Shift(JsonNode? node, string? property, int years)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList()) obj[key] = Shift(obj[key]?.DeepClone(), key, years);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = Shift(array[i]?.DeepClone(), property, years);
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text)
                && text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return JsonValue.Create(date.AddYears(years).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + text[10..]);
            // A year field ("nam_phan_loai": 2024): the same distance from the dossier's year.
            case JsonValue value when property is not null && property.StartsWith("nam", StringComparison.Ordinal)
                && value.TryGetValue<int>(out var year) && year is >= 1900 and <= 2100:
                return JsonValue.Create(year + years);
            default:
                return node;
        }
    }
}
