using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;

namespace Antq.FormEngine.Tests.Support;

/// <summary>
/// Random instances of a JSON schema for differential tests (seeded, so a failure reproduces):
/// values near every boundary the schema states, in several number spellings (<c>5</c>,
/// <c>5.0</c>, <c>5e0</c>), strings whose UTF-16 length and text-element count differ, valid and
/// invalid formats, then mutations: required fields dropped, wrong types, nulls, unknown
/// properties, duplicate array items, long strings, nudged numbers, nested objects.
/// </summary>
public sealed class SchemaInstances
{
    private readonly JsonObject _root;
    private readonly Faker _faker;
    private Randomizer R => _faker.Random;

    /// <summary>How often the current instance takes a deliberately doubtful choice (0 for a clean instance).</summary>
    private float _bad;

    private bool Bad() => _bad > 0 && R.Bool(_bad);

    public SchemaInstances(JsonObject root, int seed)
    {
        _root = root;
        _faker = new Faker("vi") { Random = new Randomizer(seed) };
    }

    private static readonly string[] ValidDates = ["2025-01-31", "2024-02-29", "2025-12-01", "1999-07-15", "2025-11-15"];
    private static readonly string[] InvalidDates = ["2025-02-30", "2025-02-29", "2025-13-01", "2025-00-10", "2025-2-3", "20250101", "2025-01-01T00:00:00Z", "31/01/2025", "", "2025-01-32"];
    private static readonly string[] UriReferences = ["ho-so/bien-ban.pdf", "/tai-lieu/2025/ke-hoach.docx", "https://dongnai.gov.vn/a?b=c#d", "file.pdf", "", "a b.pdf", "\\\\may-chu\\chia-se", "http://[::1", "tài-liệu/quyết định.pdf", "%zz", "#frag", "urn:isbn:123"];
    private static readonly string[] CleanUris = ["https://dongnai.gov.vn/tai-lieu/ke-hoach-2025.pdf", "http://example.vn/a?b=c#d", "urn:isbn:9786040000000"];
    private static readonly string[] DateTimes = ["2025-01-31T08:30:00Z", "2025-01-31T08:30:00+07:00", "2025-01-31 08:30:00", "2025-02-30T00:00:00Z", "2025-01-31T25:00:00Z", "2025-01-31t08:30:00z"];
    private static readonly string[] Emails = ["can.bo@congan.dongnai.gov.vn", "a@b", "khong-phai-thu", "x@y.vn", "@thieu.vn", "nguyễn@ví-dụ.vn"];
    private static readonly string[] Times = ["08:30:00Z", "08:30:00+07:00", "25:00:00Z", "08:30", "23:59:60Z"];
    private static readonly string[] Uuids = ["0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950", "xyz", "0F8FAD5B-D9CB-469F-A165-70867728950E"];
    private static readonly string[] Ipv4s = ["192.168.1.1", "256.1.1.1", "10.0.0", "127.0.0.1"];

    /// <summary>Pieces that make text-element count and UTF-16 length differ (combining marks, surrogate pairs, CR LF).</summary>
    private static readonly string[] Pieces = ["a", "Z", "7", " ", "-", "/", "đ", "ệ", "e\u0301", "a\u0300\u0323", "😀", "👍🏽", "\r\n", "\t", "\"", "\\", "ư", "Ơ", "中", "\u00a0"];

    /// <summary>
    /// One instance: a clean one (values inside every limit), or one with a few doubtful values
    /// (near and past the limits, other spellings, odd text), mutated about half the time.
    /// </summary>
    public JsonNode? Next()
    {
        _bad = R.ArrayElement(new[] { 0f, 0f, 0f, 0.005f, 0.02f, 0.1f, 0.3f });
        var instance = Generate(_root, 0);
        if (_bad > 0 && R.Bool(0.5f))
        {
            var mutations = R.Int(1, 3);
            for (var i = 0; i < mutations; i++) instance = Mutate(instance, 0);
        }
        return instance;
    }

    private JsonNode? Generate(JsonNode? schemaNode, int depth)
    {
        if (schemaNode is JsonValue b && b.TryGetValue<bool>(out var boolean)) return boolean || Bad() ? AnyValue(depth) : null;
        if (schemaNode is not JsonObject schema) return AnyValue(depth);
        if (depth > 12) return null;
        if (schema["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && reference.StartsWith('#'))
        {
            if (Resolve(reference[1..]) is JsonObject target && !Bad())
            {
                // The target with the reference's sibling keywords (which also apply) on top.
                var merged = (JsonObject)target.DeepClone();
                foreach (var (key, value) in schema)
                    if (key != "$ref") merged[key] = value?.DeepClone();
                return Generate(merged, depth + 1);
            }
        }
        if (schema["allOf"] is JsonArray all && all.Count > 0 && !schema.ContainsKey("properties") && !Bad())
        {
            // Generate from the parts' keywords together (a number between one part's minimum and another's maximum).
            var merged = (JsonObject)schema.DeepClone();
            merged.Remove("allOf");
            foreach (var part in all.OfType<JsonObject>())
                foreach (var (key, value) in part)
                    if (!merged.ContainsKey(key)) merged[key] = value?.DeepClone();
            return Generate(merged, depth + 1);
        }
        if (schema["not"] is JsonObject not && !Bad())
        {
            // A value of another kind than the excluded schema's.
            return not["type"] is JsonValue nt && nt.GetValue<string>() != "string" ? JsonValue.Create(_faker.Lorem.Word()) : Number(R.Int(3, 1000));
        }
        if (schema["const"] is { } constant && !Bad()) return Respell(constant.DeepClone());
        if (schema["enum"] is JsonArray values && values.Count > 0 && !Bad()) return Respell(values[R.Int(0, values.Count - 1)]?.DeepClone());
        foreach (var combinator in new[] { "oneOf", "anyOf" })
            if (schema[combinator] is JsonArray branches && branches.Count > 0 && !Bad())
            {
                var branch = branches[R.Int(0, branches.Count - 1)];
                if (branch is JsonObject o && (o.ContainsKey("const") || o.ContainsKey("enum") || o.ContainsKey("type") || o.ContainsKey("$ref")))
                    return Generate(branch, depth + 1);
            }
        return Typed(schema, PickType(schema), depth);
    }

    private string? PickType(JsonObject schema)
    {
        switch (schema["type"])
        {
            case JsonValue v when v.TryGetValue<string>(out var single):
                return single;
            case JsonArray types when types.Count > 0:
                var names = types.Select(t => t!.GetValue<string>()).ToList();
                var nonNull = names.Where(n => n != "null").ToList();
                return nonNull.Count > 0 && !R.Bool(0.2f) ? R.ListItem(nonNull) : R.ListItem(names);
        }
        if (schema.ContainsKey("properties") || schema.ContainsKey("required")) return "object";
        if (schema.ContainsKey("items") || schema.ContainsKey("prefixItems")) return "array";
        if (schema.ContainsKey("minLength") || schema.ContainsKey("maxLength") || schema.ContainsKey("pattern") || schema.ContainsKey("format")) return "string";
        if (schema.ContainsKey("minimum") || schema.ContainsKey("maximum") || schema.ContainsKey("multipleOf")) return "number";
        if (schema["allOf"] is JsonArray parts)
            foreach (var part in parts.OfType<JsonObject>())
                if (PickType(part) is { } t) return t;
        return null;
    }

    private JsonNode? Typed(JsonObject schema, string? type, int depth) => type switch
    {
        "object" => ObjectValue(schema, depth),
        "array" => ArrayValue(schema, depth),
        "string" => StringValue(schema),
        "integer" => NumberValue(schema, integer: true),
        "number" => NumberValue(schema, integer: false),
        "boolean" => JsonValue.Create(R.Bool()),
        "null" => null,
        _ => AnyValue(depth),
    };

    private JsonObject ObjectValue(JsonObject schema, int depth)
    {
        var result = new JsonObject();
        var required = (schema["required"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, propertySchema) in Properties(schema))
        {
            if (propertySchema is JsonValue never && never.TryGetValue<bool>(out var allowed) && !allowed && !Bad()) continue;
            if (required.Contains(name) ? !Bad() : R.Bool(depth > 4 ? 0.5f : 0.9f)) result[name] = Generate(propertySchema, depth + 1);
        }
        if (schema["allOf"] is JsonArray parts)
            foreach (var part in parts.OfType<JsonObject>())
                foreach (var (name, propertySchema) in Properties(part))
                    if (!result.ContainsKey(name) && R.Bool(0.6f)) result[name] = Generate(propertySchema, depth + 1);
        if (schema["dependentRequired"] is JsonObject dependent && Bad())
            foreach (var (name, _) in dependent)
                if (!result.ContainsKey(name)) result[name] = AnyValue(depth + 1);
        return result;
    }

    private IEnumerable<(string Name, JsonNode? Schema)> Properties(JsonObject schema)
    {
        var properties = schema["properties"] as JsonObject;
        if (properties is null && schema["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && Resolve(reference[1..]) is JsonObject target)
            properties = target["properties"] as JsonObject;
        if (properties is null) yield break;
        foreach (var (name, propertySchema) in properties) yield return (name, propertySchema);
    }

    private JsonArray ArrayValue(JsonObject schema, int depth)
    {
        var slack = Bad() ? 1 : 0;
        var max = schema["maxItems"] is JsonValue mx ? (int)Math.Min(mx.GetValue<long>() + slack, 6) : 4;
        var min = schema["minItems"] is JsonValue mn ? (int)Math.Max(mn.GetValue<long>() - slack, 0) : 0;
        var prefix = schema["prefixItems"] as JsonArray;
        if (prefix is not null && schema["items"] is JsonValue closed && closed.TryGetValue<bool>(out var more) && !more && !Bad()) max = Math.Min(max, prefix.Count);
        if (depth > 4 && !Bad()) max = Math.Min(max, Math.Max(min, 1));
        var length = R.Int(min, Math.Max(min, max));
        var result = new JsonArray();
        for (var i = 0; i < length; i++)
        {
            var itemSchema = prefix is not null && i < prefix.Count ? prefix[i] : schema["items"];
            result.Add(itemSchema is null ? AnyValue(depth + 1) : Generate(itemSchema, depth + 1));
        }
        if (schema["uniqueItems"] is JsonValue u && u.TryGetValue<bool>(out var unique) && unique && !Bad())
        {
            var distinct = new HashSet<string>();
            for (var i = result.Count - 1; i >= 0; i--)
                if (!distinct.Add(result[i]?.ToJsonString() ?? "null")) result.RemoveAt(i);
        }
        if (result.Count > 0 && Bad()) result.Add(result[R.Int(0, result.Count - 1)]?.DeepClone());
        return result;
    }

    private JsonNode StringValue(JsonObject schema)
    {
        if (schema["format"] is JsonValue f && f.TryGetValue<string>(out var format) && !Bad())
        {
            var doubtful = Bad();
            var text = format switch
            {
                "date" => doubtful ? R.ArrayElement(InvalidDates) : R.ArrayElement(ValidDates),
                "date-time" => doubtful ? R.ArrayElement(DateTimes) : DateTimes[0],
                "time" => doubtful ? R.ArrayElement(Times) : Times[0],
                "email" or "idn-email" => doubtful ? R.ArrayElement(Emails) : Emails[0],
                "uri" or "uri-reference" or "iri" or "iri-reference" => doubtful ? R.ArrayElement(UriReferences) : R.ArrayElement(CleanUris),
                "uuid" => doubtful ? R.ArrayElement(Uuids) : Uuids[0],
                "ipv4" => doubtful ? R.ArrayElement(Ipv4s) : Ipv4s[0],
                _ => _faker.Lorem.Word(),
            };
            return JsonValue.Create(text);
        }
        if (schema["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) && !Bad())
            return JsonValue.Create(ForPattern(pattern));
        long? minLength = schema["minLength"] is JsonValue a ? a.GetValue<long>() : null;
        long? maxLength = schema["maxLength"] is JsonValue z ? z.GetValue<long>() : null;
        if (minLength is not null || maxLength is not null)
        {
            var targets = new List<long>();
            var slack = Bad() ? 1 : 0;
            if (minLength is { } lo) targets.AddRange([lo - slack, lo, lo + 1]);
            if (maxLength is { } hi) targets.AddRange([hi - 1, hi, hi + slack]);
            var target = (int)Math.Clamp(R.ListItem(targets), 0, 3000);
            if (slack == 0 && maxLength is { } cap && target > cap) target = (int)cap;
            if (slack == 0 && minLength is { } floor && target < floor) target = (int)floor;
            return JsonValue.Create(TextOfElements(target));
        }
        return JsonValue.Create(R.Int(0, 3) switch
        {
            0 => _faker.Name.FullName(),
            1 => _faker.Address.City(),
            2 => _faker.Lorem.Sentence(),
            _ => TextOfElements(R.Int(0, 8)),
        });
    }

    /// <summary>Strings for the patterns the packs use (and near misses); others get random text.</summary>
    private string ForPattern(string pattern) => pattern switch
    {
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => (Bad() ? R.Int(0, 3) : 3) switch
        {
            0 => "2025-1-01",
            1 => "2025-01-01\n",
            2 => "abcd-ef-gh",
            _ => $"{R.Int(1990, 2030)}-{R.Int(0, 13):00}-{R.Int(0, 32):00}",
        },
        _ when pattern.Contains("0-9A-Za-z", StringComparison.Ordinal) => (Bad() ? R.Int(0, 2) : 3) switch
        {
            0 => "",
            1 => "12/3 Hẻm",
            2 => new string('9', R.Int(19, 22)),
            _ => $"{R.Int(1, 999)}/{R.Int(1, 99)} {R.String2(R.Int(0, 4), "ABCxyz-")}",
        },
        "^[A-Z]{2}[0-9]+$" when !Bad() => R.Replace("??###"),
        _ => R.Bool() ? R.Replace("??###") : TextOfElements(R.Int(0, 6)),
    };

    private string TextOfElements(int count)
    {
        var parts = new string[count];
        for (var i = 0; i < count; i++) parts[i] = R.Bool(0.6f) ? R.String2(1, "abcdefghijklmnopqrstuvwxyz0123456789") : R.ArrayElement(Pieces);
        return string.Concat(parts);
    }

    private JsonNode NumberValue(JsonObject schema, bool integer)
    {
        decimal? low = null, high = null;
        var candidates = new List<decimal>();
        foreach (var key in new[] { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" })
            if (schema[key] is JsonValue v && v.TryGetValue<decimal>(out var limit))
            {
                candidates.AddRange([limit, limit - 1, limit + 1, limit - 0.5m, limit + 0.5m, limit - 0.000001m, limit + 0.000001m]);
                if (key.EndsWith("inimum", StringComparison.Ordinal)) low = limit; else high = limit;
            }
        var step = schema["multipleOf"] is JsonValue m && m.TryGetValue<decimal>(out var s) ? s : (decimal?)null;
        if (step is { } st) candidates.AddRange([st * R.Int(-3, 40), st * R.Int(0, 40) + st / 2]);
        decimal value;
        if (!Bad()) candidates.RemoveAll(c => c < (low ?? decimal.MinValue) || c > (high ?? decimal.MaxValue) || (step is { } d && c % d != 0));
        if (candidates.Count > 0 && R.Bool(0.3f)) value = R.ListItem(candidates);
        else
        {
            var lo = (double)(low ?? -5m);
            var hi = (double)(high ?? Math.Max(1200m, (low ?? 0m) + 100m));
            value = (decimal)R.Double(lo, hi);
            value = integer || step is not null ? Math.Ceiling(value) : Math.Round(value, R.Int(0, 3));
            if (step is { } multiple) value = Math.Ceiling(value / multiple) * multiple;
            if (high is { } h && value > h) value = low ?? h;
        }
        return Number(integer && !Bad() ? Math.Round(value) : value);
    }

    /// <summary>The same number in one of several JSON spellings.</summary>
    private JsonNode Number(decimal value)
    {
        var plain = value.ToString(CultureInfo.InvariantCulture);
        var text = R.Int(0, 9) switch
        {
            0 when !plain.Contains('.') => plain + ".0",
            1 when !plain.Contains('.') && value != 0 => plain + "e0",
            2 when value != 0 => (value / 10).ToString(CultureInfo.InvariantCulture) + "E1",
            3 when value != 0 => (value * 100).ToString(CultureInfo.InvariantCulture) + "e-2",
            4 when value == 0 => "-0",
            _ => plain,
        };
        return JsonNode.Parse(text)!;
    }

    /// <summary>A constant in another spelling when it is a number (1 and 1.0 are equal to JSON Schema).</summary>
    private JsonNode? Respell(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue<decimal>(out var d) && R.Bool(0.3f) ? Number(d) : node;

    private JsonNode? AnyValue(int depth) => R.Int(0, depth > 6 ? 5 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(R.Bool()),
        2 => Number(R.Int(-3, 1000)),
        3 => Number(Math.Round((decimal)R.Double(-5, 5), 2)),
        4 => JsonValue.Create(_faker.Lorem.Word()),
        5 => JsonValue.Create(TextOfElements(R.Int(0, 5))),
        6 => new JsonArray(AnyValue(depth + 1), AnyValue(depth + 1)),
        7 => new JsonObject { ["khac"] = AnyValue(depth + 1) },
        _ => new JsonObject(),
    };

    private JsonNode? Mutate(JsonNode? node, int depth)
    {
        // Walk down to a random place, then change it.
        if (node is JsonObject o && o.Count > 0 && R.Bool(0.6f) && depth < 10)
        {
            var key = R.ListItem(o.Select(p => p.Key).ToList());
            if (R.Bool(0.25f)) { o.Remove(key); return o; }                  // drop (required)
            if (R.Bool(0.15f)) { o["khong_co_" + R.Int(0, 9)] = AnyValue(depth); return o; } // unknown property
            var before = o[key];
            var after = Mutate(before, depth + 1);
            if (!ReferenceEquals(before, after)) o[key] = after;
            return o;
        }
        if (node is JsonArray a && a.Count > 0 && R.Bool(0.6f) && depth < 10)
        {
            if (R.Bool(0.3f)) { a.Add(a[R.Int(0, a.Count - 1)]?.DeepClone()); return a; } // duplicate item
            var i = R.Int(0, a.Count - 1);
            var before = a[i];
            var after = Mutate(before, depth + 1);
            if (!ReferenceEquals(before, after)) a[i] = after;
            return a;
        }
        return R.Int(0, 9) switch
        {
            0 => null,
            1 => AnyValue(depth),
            2 => JsonValue.Create(new string('x', R.Int(201, 3000))),
            3 when node is JsonValue v && v.TryGetValue<decimal>(out var d) => Number(d + R.ArrayElement(new[] { 1m, -1m, 0.5m, -0.5m, 0.001m, -0.001m })),
            4 => JsonValue.Create(R.ArrayElement(InvalidDates)),
            5 => new JsonObject { ["a"] = new JsonObject { ["b"] = AnyValue(depth) } },
            6 => new JsonArray(),
            7 => JsonValue.Create(R.Bool() ? "1" : "true"),
            8 => node is JsonObject obj ? WithUnknown(obj, depth) : JsonValue.Create(TextOfElements(R.Int(0, 4))),
            _ => Number(R.ArrayElement(new[] { 0m, -1m, 1.5m, 1000m, 1001m, 100.0001m })),
        };
    }

    private JsonObject WithUnknown(JsonObject o, int depth)
    {
        o["thua_" + R.Int(0, 3)] = AnyValue(depth);
        return o;
    }

    private JsonNode? Resolve(string pointer)
    {
        JsonNode? node = _root;
        foreach (var raw in Uri.UnescapeDataString(pointer).TrimStart('/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }
        return node;
    }
}
