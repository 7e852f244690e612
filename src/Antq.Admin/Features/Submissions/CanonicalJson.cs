using System.Security.Cryptography;
using System.Text.Json;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// The hash that tells a retried create from a different one. Object members are sorted so that a
/// client re-serialising the same data in another order still counts as the same content.
/// </summary>
public static class CanonicalJson
{
    public static string CreateHash(int unitId, string packId, int year, JsonElement data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(unitId);
            writer.WriteStringValue(packId);
            writer.WriteNumberValue(year);
            Write(writer, data);
            writer.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
