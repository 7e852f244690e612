using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Json.More;
using Json.Schema;

namespace Antq.FormEngine.Forms;

/// <summary>
/// A yes/no validator compiled once from the form schema: a tree of small checks over
/// <see cref="JsonElement"/> for the JSON Schema 2020-12 keywords forms use, matching what
/// JsonSchema.Net 8.0.5 decides (the same library helpers are called where its semantics are
/// subtle: number comparison, divisibility, JSON equality, formats; the same linear-time regex).
/// <para>
/// Every check answers exactly as the library's keyword does, or throws when it cannot be sure
/// (a duplicate property name, a number <c>decimal</c> cannot hold, a regex timeout, a
/// <c>$ref</c> loop that consumes no data). A throw anywhere, even under <c>not</c>,
/// <c>oneOf</c> or <c>if</c>, ends the whole test with "not valid": <see cref="IsValid"/> answers
/// true only when JsonSchema.Net would, and the caller runs JsonSchema.Net for everything else,
/// which gives the real verdict and the messages. A schema using a keyword or construct it does
/// not cover is not compiled at all (<see cref="TryCompile"/> returns null with the reason).
/// </para>
/// <para>
/// For invalid data, <see cref="Explain"/> also lists the failures, in JsonSchema.Net's order,
/// when every failure lies in a plain position; anything else is left to JsonSchema.Net.
/// </para>
/// </summary>
internal sealed class CompiledSchema
{
    private readonly SchemaNode _root;

    private CompiledSchema(SchemaNode root) => _root = root;

    /// <summary>Nesting of checks beyond which the answer is "not sure" (a <c>$ref</c> loop that consumes no data).</summary>
    internal const int MaxDepth = 256;

    /// <summary>True only when JsonSchema.Net would also find the data valid.</summary>
    public bool IsValid(JsonElement instance)
    {
        try
        {
            return _root.Test(instance, 0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not sure (SchemaUnsureException, a number GetDecimal cannot hold, a regex timeout…): JsonSchema.Net decides.
            return false;
        }
    }

    /// <summary>
    /// The failing keywords of invalid data, in the order JsonSchema.Net's hierarchical output lists
    /// them (<see cref="SchemaResults.FailingNodes"/>, then each node's errors): an empty list for
    /// valid data, or null when the answer is left to JsonSchema.Net. It is null when a failing
    /// schema location holds <c>anyOf</c>, <c>oneOf</c>, <c>not</c>, <c>if</c>, <c>prefixItems</c>
    /// or <c>dependentRequired</c>, when a failure lies under <c>allOf</c> or <c>$ref</c>, and
    /// whenever a check is not sure.
    /// </summary>
    public List<SchemaFailure>? Explain(JsonElement instance)
    {
        try
        {
            if (_root.Test(instance, 0)) return [];
            var failures = new List<SchemaFailure>();
            _root.Explain(instance, "", 0, failures);
            return failures.Count > 0 ? failures : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The compiled validator, or null and why when the schema uses something it does not cover.</summary>
    public static CompiledSchema? TryCompile(JsonElement root, out string? unsupported)
    {
        try
        {
            var compiler = new SchemaCompiler(root);
            var node = compiler.Node(root, "", isRoot: true);
            compiler.FinishReferences();
            unsupported = null;
            return new CompiledSchema(node);
        }
        catch (UnsupportedSchemaException e)
        {
            unsupported = e.Message;
            return null;
        }
    }
}

internal sealed class UnsupportedSchemaException(string message) : Exception(message);

/// <summary>A failure whose place in JsonSchema.Net's output the compiled validator does not reproduce: JsonSchema.Net explains the data.</summary>
internal sealed class SchemaFallbackException() : Exception("left to JsonSchema.Net");

/// <summary>
/// One error of JsonSchema.Net's hierarchical output: the instance location (JSON Pointer), the
/// keyword (<c>""</c> for a false schema) and, for <c>required</c>, the missing names in the
/// order of the <c>required</c> array.
/// </summary>
internal readonly record struct SchemaFailure(string Path, string Keyword, string[]? Missing = null);

/// <summary>A check that cannot give JsonSchema.Net's exact answer; never caught below <see cref="CompiledSchema.IsValid"/>.</summary>
internal sealed class SchemaUnsureException(string message) : Exception(message);

/// <summary>One schema location: every check must pass. A boolean schema is a node with a fixed answer.</summary>
internal sealed class SchemaNode
{
    public static readonly SchemaNode True = new() { Fixed = true };
    public static readonly SchemaNode False = new() { Fixed = false };

    public bool? Fixed { get; init; }
    public SchemaCheck[] Checks { get; set; } = [];

    /// <summary>Where each keyword stands in the schema object: JsonSchema.Net reports a node's errors in that order.</summary>
    public Dictionary<string, int> Positions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds the errors of this failing node, then those of its failing children, as JsonSchema.Net
    /// lists them; throws <see cref="SchemaFallbackException"/> where it cannot. Called only after
    /// <see cref="Test"/> answered false for <paramref name="e"/>.
    /// </summary>
    public void Explain(JsonElement e, string path, int depth, List<SchemaFailure> output)
    {
        if (Fixed is false)
        {
            output.Add(new SchemaFailure(path, ""));
            return;
        }
        if (Fixed is true || depth > CompiledSchema.MaxDepth) throw new SchemaFallbackException();
        var own = new List<(string Keyword, string[]? Missing)>();
        foreach (var check in Checks) check.Explain(e, depth + 1, own);
        // Stable: keywords in the order the schema declares them (an insertion sort: a node has a few failures at most).
        for (var i = 1; i < own.Count; i++)
        {
            var failure = own[i];
            var position = Positions.GetValueOrDefault(failure.Keyword, int.MaxValue);
            var j = i - 1;
            for (; j >= 0 && Positions.GetValueOrDefault(own[j].Keyword, int.MaxValue) > position; j--) own[j + 1] = own[j];
            own[j + 1] = failure;
        }
        foreach (var (keyword, missing) in own)
            output.Add(new SchemaFailure(path, keyword, missing));
        foreach (var check in Checks) check.ExplainChildren(e, path, depth + 1, output);
    }

    public bool Test(JsonElement e, int depth)
    {
        if (Fixed is { } answer) return answer;
        if (depth > CompiledSchema.MaxDepth) throw new SchemaUnsureException("nesting too deep");
        foreach (var check in Checks)
            if (!check.Test(e, depth + 1)) return false;
        return true;
    }
}

internal abstract class SchemaCheck
{
    public abstract bool Test(JsonElement e, int depth);

    /// <summary>Adds the keywords of this check that fail on the node itself. By default a failure is left to JsonSchema.Net.</summary>
    public virtual void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own)
    {
        if (!Test(e, depth)) throw new SchemaFallbackException();
    }

    /// <summary>Explains the failing child locations (properties, additional properties, items), in JsonSchema.Net's order.</summary>
    public virtual void ExplainChildren(JsonElement e, string path, int depth, List<SchemaFailure> output)
    {
    }

    protected static string Child(string path, string name) =>
        $"{path}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
}

/// <summary>Compiles schema objects into <see cref="SchemaNode"/>s; refused constructs throw <see cref="UnsupportedSchemaException"/>.</summary>
internal sealed class SchemaCompiler(JsonElement root)
{
    /// <summary>Annotations: no effect on validity.</summary>
    private static readonly HashSet<string> Annotations =
        ["title", "description", "$comment", "default", "examples", "readOnly", "writeOnly", "deprecated"];

    /// <summary>Every keyword JsonSchema.Net's 2020-12 dialect knows; any other name is an annotation to it.</summary>
    private static readonly HashSet<string> Known =
    [
        "$id", "$schema", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items", "contains",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
        "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
        "minProperties", "required", "dependentRequired", "format", "contentEncoding", "contentMediaType", "contentSchema",
        "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
    ];

    private readonly Dictionary<string, SchemaNode> _byPointer = new(StringComparer.Ordinal);
    private readonly List<(RefCheck Check, string Pointer)> _pendingRefs = [];

    public SchemaNode Node(JsonElement schema, string pointer, bool isRoot = false)
    {
        if (schema.ValueKind == JsonValueKind.True) return SchemaNode.True;
        if (schema.ValueKind == JsonValueKind.False) return SchemaNode.False;
        if (schema.ValueKind != JsonValueKind.Object) throw Unsupported(pointer, "a schema must be an object or a boolean");
        if (_byPointer.TryGetValue(pointer, out var existing)) return existing;
        var node = new SchemaNode();
        _byPointer[pointer] = node;

        var checks = new List<SchemaCheck>();
        TypeSet? types = null;
        var objectCheck = new ObjectCheck();
        var arrayCheck = new ArrayCheck();
        var stringCheck = new StringCheck();
        var numberChecks = new List<SchemaCheck>();
        JsonElement? ifSchema = null, thenSchema = null, elseSchema = null;

        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in schema.EnumerateObject())
        {
            var key = property.Name;
            positions.TryAdd(key, positions.Count);
            var value = property.Value;
            var here = $"{pointer}/{Escape(key)}";
            if (Annotations.Contains(key) || !Known.Contains(key)) continue;
            switch (key)
            {
                case "$schema" or "$id":
                    if (!isRoot) throw Unsupported(here, $"\"{key}\" below the root");
                    break;
                case "$defs":
                    break; // compiled when a $ref reaches them
                case "$ref":
                    checks.Add(Reference(value, here));
                    break;
                case "type":
                    types = Types(value, here);
                    break;
                case "enum":
                    if (value.ValueKind != JsonValueKind.Array) throw Unsupported(here, "\"enum\" must be an array");
                    checks.Add(new EqualsCheck([.. value.EnumerateArray()], "enum"));
                    break;
                case "const":
                    checks.Add(new EqualsCheck([value], "const"));
                    break;
                case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
                    numberChecks.Add(new BoundCheck(Number(value, here), key));
                    break;
                case "multipleOf":
                    numberChecks.Add(new MultipleOfCheck(Number(value, here)));
                    break;
                case "minLength":
                    stringCheck.MinLength = Count(value, here);
                    break;
                case "maxLength":
                    stringCheck.MaxLength = Count(value, here);
                    break;
                case "pattern":
                    if (value.ValueKind != JsonValueKind.String) throw Unsupported(here, "\"pattern\" must be a string");
                    try { stringCheck.Pattern = SafePatternKeyword.Compile(value.GetString()!); }
                    catch (Exception e) when (e is ArgumentException or NotSupportedException) { throw Unsupported(here, e.Message); }
                    break;
                case "format":
                    if (value.ValueKind != JsonValueKind.String) throw Unsupported(here, "\"format\" must be a string");
                    checks.Add(new FormatCheck(value.GetString()!));
                    break;
                case "properties":
                    if (value.ValueKind != JsonValueKind.Object) throw Unsupported(here, "\"properties\" must be an object");
                    foreach (var p in value.EnumerateObject())
                        objectCheck.AddProperty(p.Name, Node(p.Value, $"{here}/{Escape(p.Name)}"));
                    break;
                case "additionalProperties":
                    objectCheck.Additional = Node(value, here);
                    break;
                case "required":
                    objectCheck.Required = Names(value, here);
                    break;
                case "dependentRequired":
                    if (value.ValueKind != JsonValueKind.Object) throw Unsupported(here, "\"dependentRequired\" must be an object");
                    objectCheck.Dependent = [.. value.EnumerateObject().Select(p => (p.Name, Names(p.Value, $"{here}/{Escape(p.Name)}")))];
                    break;
                case "minProperties":
                    objectCheck.MinProperties = Count(value, here);
                    break;
                case "maxProperties":
                    objectCheck.MaxProperties = Count(value, here);
                    break;
                case "items":
                    arrayCheck.Items = Node(value, here);
                    break;
                case "prefixItems":
                    if (value.ValueKind != JsonValueKind.Array) throw Unsupported(here, "\"prefixItems\" must be an array");
                    arrayCheck.Prefix = [.. value.EnumerateArray().Select((s, i) => Node(s, $"{here}/{i}"))];
                    break;
                case "minItems":
                    arrayCheck.MinItems = Count(value, here);
                    break;
                case "maxItems":
                    arrayCheck.MaxItems = Count(value, here);
                    break;
                case "uniqueItems":
                    if (value.ValueKind == JsonValueKind.True) arrayCheck.Unique = true;
                    else if (value.ValueKind != JsonValueKind.False) throw Unsupported(here, "\"uniqueItems\" must be a boolean");
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    if (value.ValueKind != JsonValueKind.Array) throw Unsupported(here, $"\"{key}\" must be an array");
                    SchemaNode[] parts = [.. value.EnumerateArray().Select((s, i) => Node(s, $"{here}/{i}"))];
                    checks.Add(key switch { "allOf" => new AllOfCheck(parts), "anyOf" => new AnyOfCheck(parts), _ => new OneOfCheck(parts) });
                    break;
                case "not":
                    checks.Add(new NotCheck(Node(value, here)));
                    break;
                case "if":
                    ifSchema = value;
                    break;
                case "then":
                    thenSchema = value;
                    break;
                case "else":
                    elseSchema = value;
                    break;
                default:
                    // $anchor, $dynamicRef, contains, patternProperties, unevaluated*, content*, …
                    throw Unsupported(here, $"the keyword \"{key}\" is not covered");
            }
        }

        if (ifSchema is { } condition)
            checks.Add(new IfCheck(Node(condition, $"{pointer}/if"),
                thenSchema is { } t ? Node(t, $"{pointer}/then") : null,
                elseSchema is { } f ? Node(f, $"{pointer}/else") : null));
        // Cheap checks first; all must pass, so the order does not change the answer.
        if (types is { } set) checks.Insert(0, new TypeCheck(set));
        if (numberChecks.Count > 0) checks.Add(new NumberCheck([.. numberChecks]));
        if (stringCheck.IsUseful) checks.Add(stringCheck);
        if (objectCheck.IsUseful) { objectCheck.Seal(); checks.Add(objectCheck); }
        if (arrayCheck.IsUseful) checks.Add(arrayCheck);
        node.Checks = [.. checks];
        node.Positions = positions;
        return node;
    }

    /// <summary>Resolves every <c>$ref</c> once all nodes exist (references may be recursive).</summary>
    public void FinishReferences()
    {
        for (var i = 0; i < _pendingRefs.Count; i++)
        {
            var (check, pointer) = _pendingRefs[i];
            var target = Resolve(pointer) ?? throw Unsupported(pointer, "the \"$ref\" target does not exist");
            check.Target = Node(target, pointer);
        }
    }

    private RefCheck Reference(JsonElement value, string here)
    {
        if (value.ValueKind != JsonValueKind.String) throw Unsupported(here, "\"$ref\" must be a string");
        var reference = value.GetString()!;
        if (!reference.StartsWith('#') || (reference.Length > 1 && reference[1] != '/'))
            throw Unsupported(here, $"only local JSON Pointer references (\"#/...\") are covered, not \"{reference}\"");
        var check = new RefCheck();
        // The pointer as the node cache spells it: unescaped from the URI fragment, JSON Pointer escapes kept.
        _pendingRefs.Add((check, Uri.UnescapeDataString(reference[1..])));
        return check;
    }

    private JsonElement? Resolve(string pointer)
    {
        var node = root;
        if (pointer.Length == 0) return node;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var child)) node = child;
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                && i < node.GetArrayLength()) node = node[i];
            else return null;
        }
        return node;
    }

    private static TypeSet Types(JsonElement value, string here)
    {
        if (value.ValueKind == JsonValueKind.String) return TypeName(value.GetString()!, here);
        if (value.ValueKind != JsonValueKind.Array) throw Unsupported(here, "\"type\" must be a string or an array");
        TypeSet set = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw Unsupported(here, "\"type\" arrays hold strings");
            set |= TypeName(item.GetString()!, here);
        }
        return set;
    }

    private static TypeSet TypeName(string name, string here) => name switch
    {
        "null" => TypeSet.Null,
        "boolean" => TypeSet.Boolean,
        "object" => TypeSet.Object,
        "array" => TypeSet.Array,
        "string" => TypeSet.String,
        "number" => TypeSet.Number,
        "integer" => TypeSet.Integer,
        _ => throw Unsupported(here, $"unknown type \"{name}\""),
    };

    private static JsonElement Number(JsonElement value, string here) =>
        value.ValueKind == JsonValueKind.Number ? value : throw Unsupported(here, "a number is expected");

    private static long Count(JsonElement value, string here) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0 ? n : throw Unsupported(here, "a non-negative integer is expected");

    private static string[] Names(JsonElement value, string here)
    {
        if (value.ValueKind != JsonValueKind.Array) throw Unsupported(here, "an array of names is expected");
        return [.. value.EnumerateArray().Select(n => n.ValueKind == JsonValueKind.String ? n.GetString()! : throw Unsupported(here, "names are strings"))];
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static UnsupportedSchemaException Unsupported(string pointer, string why) => new($"{(pointer.Length == 0 ? "/" : pointer)}: {why}");
}

[Flags]
internal enum TypeSet
{
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    String = 16,
    Number = 32,
    Integer = 64,
}

/// <summary><c>type</c> as JsonSchema.Net's TypeKeyword decides it (an integer is a number that fits Int64 or has no fraction as a double).</summary>
internal sealed class TypeCheck(TypeSet expected) : SchemaCheck
{
    public override bool Test(JsonElement e, int depth) => e.ValueKind switch
    {
        JsonValueKind.Object => (expected & TypeSet.Object) != 0,
        JsonValueKind.Array => (expected & TypeSet.Array) != 0,
        JsonValueKind.String => (expected & TypeSet.String) != 0,
        JsonValueKind.True or JsonValueKind.False => (expected & TypeSet.Boolean) != 0,
        JsonValueKind.Null => (expected & TypeSet.Null) != 0,
        JsonValueKind.Number => NumberMatches(e),
        _ => false,
    };

    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own)
    {
        if (!Test(e, depth)) own.Add(("type", null));
    }

    private bool NumberMatches(JsonElement e)
    {
        if (e.TryGetInt64(out _)) return (expected & (TypeSet.Integer | TypeSet.Number)) != 0;
        if ((expected & TypeSet.Number) != 0) return true;
        return (expected & TypeSet.Integer) != 0 && e.TryGetDouble(out var d) && d == Math.Truncate(d);
    }
}

/// <summary>The number keywords of one schema, skipped for any other kind of value.</summary>
internal sealed class NumberCheck(SchemaCheck[] checks) : SchemaCheck
{
    public override bool Test(JsonElement e, int depth)
    {
        if (e.ValueKind != JsonValueKind.Number) return true;
        foreach (var check in checks)
            if (!check.Test(e, depth)) return false;
        return true;
    }

    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own)
    {
        if (e.ValueKind != JsonValueKind.Number) return;
        foreach (var check in checks)
            if (!check.Test(e, depth)) own.Add((check is BoundCheck bound ? bound.Keyword : "multipleOf", null));
    }
}

/// <summary>
/// minimum / maximum / exclusive*: JsonSchema.Net compares the decimal texts exactly
/// (<see cref="JsonMath.NumberCompare"/>). Two integers that fit Int64 compare exactly as longs;
/// two doubles that differ compare the same way as the exact values (correct rounding is
/// monotonic); anything else goes to the library's own comparison.
/// </summary>
internal sealed class BoundCheck : SchemaCheck
{
    private readonly JsonElement _limit;
    private readonly long? _limitLong;
    private readonly double? _limitDouble;
    private readonly string _keyword;

    public string Keyword => _keyword;

    public BoundCheck(JsonElement limit, string keyword)
    {
        _limit = limit;
        _limitLong = limit.TryGetInt64(out var l) ? l : null;
        _limitDouble = limit.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;
        _keyword = keyword;
    }

    public override bool Test(JsonElement e, int depth)
    {
        var order = Compare(e);
        return _keyword switch
        {
            "minimum" => order >= 0,
            "maximum" => order <= 0,
            "exclusiveMinimum" => order > 0,
            _ => order < 0,
        };
    }

    private int Compare(JsonElement e)
    {
        if (_limitLong is { } limitLong && e.TryGetInt64(out var l)) return l.CompareTo(limitLong);
        if (_limitDouble is { } limitDouble && e.TryGetDouble(out var d) && double.IsFinite(d) && d != limitDouble)
            return d < limitDouble ? -1 : 1;
        return JsonMath.NumberCompare(e, _limit);
    }
}

/// <summary>multipleOf through the library's exact decimal-digit division.</summary>
internal sealed class MultipleOfCheck(JsonElement divisor) : SchemaCheck
{
    public override bool Test(JsonElement e, int depth) => JsonMath.Divides(e, divisor);
}

/// <summary>minLength / maxLength in text elements (as JsonSchema.Net counts), and pattern; skipped for non-strings.</summary>
internal sealed class StringCheck : SchemaCheck
{
    public long? MinLength { get; set; }
    public long? MaxLength { get; set; }
    public Regex? Pattern { get; set; }

    public bool IsUseful => MinLength is not null || MaxLength is not null || Pattern is not null;

    public override bool Test(JsonElement e, int depth)
    {
        if (e.ValueKind != JsonValueKind.String) return true;
        // Most strings of a form are short and unescaped: decoded on the stack rather than into a string per value checked.
        var raw = JsonMarshal.GetRawUtf8Value(e); // with its quotes
        if (raw.Length - 2 <= StackChars && raw.IndexOf((byte)'\\') < 0)
        {
            Span<char> buffer = stackalloc char[raw.Length - 2]; // UTF-16 never needs more units than UTF-8 has bytes
            if (Utf8.ToUtf16(raw[1..^1], buffer, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
                return Test(buffer[..written]);
        }
        return Test(e.GetString()!); // an escape, a long text, or invalid UTF-8 (GetString throws: not sure)
    }

    private const int StackChars = 256;

    private bool Test(ReadOnlySpan<char> text)
    {
        if (MinLength is { } min && !(text.Length >= min && (min <= 1 || TextElements(text) >= min))) return false;
        // A text element is at least one UTF-16 unit, so a string no longer than the limit in units passes.
        if (MaxLength is { } max && text.Length > max && TextElements(text) > max) return false;
        return Pattern is null || Pattern.IsMatch(text);
    }

    /// <summary>What <see cref="StringInfo.LengthInTextElements"/> counts, over a span.</summary>
    private static int TextElements(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (!text.IsEmpty)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
            count++;
        }
        return count;
    }

    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own)
    {
        if (e.ValueKind != JsonValueKind.String) return;
        var text = e.GetString()!;
        if (MinLength is { } min && TextElements(text) < min) own.Add(("minLength", null));
        if (MaxLength is { } max && TextElements(text) > max) own.Add(("maxLength", null));
        if (Pattern is not null && !Pattern.IsMatch(text)) own.Add(("pattern", null));
    }
}

/// <summary>format through the same registry and format objects JsonSchema.Net asserts with.</summary>
internal sealed class FormatCheck(string name) : SchemaCheck
{
    public override bool Test(JsonElement e, int depth)
    {
        var format = FormatRegistry.Global.Get(name);
        // The library's date check parses with DateTime.TryParseExact, a fifth of a whole evaluation on a form of dates;
        // a plain yyyy-MM-dd calendar date is one it accepts, so only anything else goes through it.
        if (ReferenceEquals(format, Formats.Date) && IsPlainDate(e)) return true;
        return format.Validate(e, out _);
    }

    /// <summary>
    /// A JSON string of exactly <c>yyyy-MM-dd</c> in ASCII digits naming a real day of years 1–9999, which
    /// <c>DateTime.TryParseExact(…, "yyyy-MM-dd", InvariantCulture)</c> accepts; false means "ask the library".
    /// </summary>
    internal static bool IsPlainDate(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String) return false;
        var raw = JsonMarshal.GetRawUtf8Value(e); // with its quotes; an escaped character fails the digit test
        if (raw.Length != 12 || raw[5] != '-' || raw[8] != '-') return false;
        var text = raw[1..^1];
        if (!Digits(text[..4], out var year) || !Digits(text[5..7], out var month) || !Digits(text[8..], out var day)) return false;
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

        static bool Digits(ReadOnlySpan<byte> span, out int value)
        {
            value = 0;
            foreach (var b in span)
            {
                if (b is < (byte)'0' or > (byte)'9') return false;
                value = value * 10 + (b - '0');
            }
            return true;
        }
    }

    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own)
    {
        if (!Test(e, depth)) own.Add(("format", null));
    }
}

/// <summary>enum / const with JsonSchema.Net's equality (Json.More <c>IsEquivalentTo</c>: 1 == 1.0, key order ignored).</summary>
internal sealed class EqualsCheck : SchemaCheck
{
    private readonly JsonElement[] _values;
    private readonly string[]? _strings;
    private readonly string _keyword;

    public EqualsCheck(JsonElement[] values, string keyword)
    {
        _values = values;
        _keyword = keyword;
        if (values.All(v => v.ValueKind == JsonValueKind.String)) _strings = [.. values.Select(v => v.GetString()!)];
    }

    public override bool Test(JsonElement e, int depth)
    {
        if (_strings is not null)
        {
            if (e.ValueKind != JsonValueKind.String) return false;
            foreach (var s in _strings)
                if (e.ValueEquals(s)) return true;
            return false;
        }
        foreach (var v in _values)
            if (v.IsEquivalentTo(e)) return true;
        return false;
    }

    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own)
    {
        if (!Test(e, depth)) own.Add((_keyword, null));
    }
}

/// <summary>
/// properties, additionalProperties, required, dependentRequired, min/maxProperties of one schema,
/// in one pass over the object. A declared name given twice is "not sure" (JsonSchema.Net checks
/// only its first occurrence against <c>properties</c>).
/// </summary>
internal sealed class ObjectCheck : SchemaCheck
{
    private readonly List<(string Name, SchemaNode Schema)> _declared = [];
    private Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private SchemaNode[] _schemas = [];
    private (int Index, string Name)[] _required = [];
    private (int Index, string Name, (int Index, string Name)[] Needs)[] _dependent = [];

    public SchemaNode? Additional { get; set; }
    public string[]? Required { get; set; }
    public (string Name, string[] Needs)[]? Dependent { get; set; }
    public long? MinProperties { get; set; }
    public long? MaxProperties { get; set; }

    public bool IsUseful => _declared.Count > 0 || Additional is not null || Required is not null || Dependent is not null
        || MinProperties is not null || MaxProperties is not null;

    public void AddProperty(string name, SchemaNode schema) => _declared.Add((name, schema));

    public void Seal()
    {
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _declared.Count; i++) _index[_declared[i].Name] = i;
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        _schemas = [.. _declared.Select(d => d.Schema)];
        _required = [.. (Required ?? []).Select(At)];
        _dependent = [.. (Dependent ?? []).Select(d => (At(d.Name).Index, d.Name, d.Needs.Select(At).ToArray()))];
    }

    private (int Index, string Name) At(string name) => (_index.TryGetValue(name, out var i) ? i : -1, name);

    public override bool Test(JsonElement e, int depth)
    {
        if (e.ValueKind != JsonValueKind.Object) return true;
        var declared = _schemas.Length;
        Span<bool> seen = declared <= 256 ? stackalloc bool[declared] : new bool[declared];
        var count = 0;
        foreach (var property in e.EnumerateObject())
        {
            count++;
            var index = IndexOf(property);
            if (index >= 0)
            {
                if (seen[index]) throw new SchemaUnsureException("a property name occurs twice");
                seen[index] = true;
                if (!_schemas[index].Test(property.Value, depth)) return false;
            }
            else if (Additional is not null && !Additional.Test(property.Value, depth))
            {
                return false;
            }
        }
        foreach (var (index, name) in _required)
            if (!Present(e, seen, index, name)) return false;
        foreach (var (index, name, needs) in _dependent)
        {
            if (!Present(e, seen, index, name)) continue;
            foreach (var (needIndex, needName) in needs)
                if (!Present(e, seen, needIndex, needName)) return false;
        }
        if (MinProperties is { } min && count < min) return false;
        return MaxProperties is not { } max || count <= max;
    }

    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own)
    {
        if (e.ValueKind != JsonValueKind.Object) return;
        var (values, _) = Split(e);
        var seen = new bool[values.Length];
        for (var i = 0; i < values.Length; i++) seen[i] = values[i] is not null;
        var count = 0;
        foreach (var _ in e.EnumerateObject()) count++;
        List<string>? missing = null;
        foreach (var (index, name) in _required)
            if (!Present(e, seen, index, name)) (missing ??= []).Add(name);
        if (missing is not null) own.Add(("required", [.. missing]));
        foreach (var (index, name, needs) in _dependent)
            if (Present(e, seen, index, name) && needs.Any(n => !Present(e, seen, n.Index, n.Name)))
                throw new SchemaFallbackException(); // dependentRequired's message needs the library's English text
        if (MinProperties is { } min && count < min) own.Add(("minProperties", null));
        if (MaxProperties is { } max && count > max) own.Add(("maxProperties", null));
    }

    public override void ExplainChildren(JsonElement e, string path, int depth, List<SchemaFailure> output)
    {
        if (e.ValueKind != JsonValueKind.Object) return;
        var (values, additional) = Split(e);
        // Declared properties in the schema's order, then additional ones in the data's order.
        for (var i = 0; i < values.Length; i++)
            if (values[i] is { } value && !_schemas[i].Test(value, depth))
                _schemas[i].Explain(value, Child(path, _declared[i].Name), depth, output);
        if (Additional is null) return;
        foreach (var property in additional)
            if (!Additional.Test(property.Value, depth))
                Additional.Explain(property.Value, Child(path, property.Name), depth, output);
    }

    /// <summary>The value of each declared property (null when absent) and the undeclared properties; a name given twice is left to JsonSchema.Net.</summary>
    private (JsonElement?[] Values, List<JsonProperty> Additional) Split(JsonElement e)
    {
        var values = new JsonElement?[_schemas.Length];
        var additional = new List<JsonProperty>();
        foreach (var property in e.EnumerateObject())
        {
            var index = IndexOf(property);
            if (index < 0) additional.Add(property);
            else if (values[index] is not null) throw new SchemaFallbackException();
            else values[index] = property.Value;
        }
        return (values, additional);
    }

    private static bool Present(JsonElement e, bool[] seen, int index, string name) =>
        index >= 0 ? seen[index] : e.TryGetProperty(name, out _);

    private static bool Present(JsonElement e, Span<bool> seen, int index, string name) =>
        index >= 0 ? seen[index] : e.TryGetProperty(name, out _);

    private int IndexOf(JsonProperty property)
    {
        if (_schemas.Length == 0) return -1;
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') >= 0 || raw.Length > 512)
            return _index.TryGetValue(property.Name, out var escaped) ? escaped : -1;
        Span<char> name = stackalloc char[raw.Length];
        var length = Encoding.UTF8.GetChars(raw, name);
        return _lookup.TryGetValue(name[..length], out var index) ? index : -1;
    }
}

/// <summary>prefixItems, items, min/maxItems, uniqueItems of one schema; skipped for non-arrays.</summary>
internal sealed class ArrayCheck : SchemaCheck
{
    public SchemaNode[] Prefix { get; set; } = [];
    public SchemaNode? Items { get; set; }
    public long? MinItems { get; set; }
    public long? MaxItems { get; set; }
    public bool Unique { get; set; }

    public bool IsUseful => Prefix.Length > 0 || Items is not null || MinItems is not null || MaxItems is not null || Unique;

    public override bool Test(JsonElement e, int depth)
    {
        if (e.ValueKind != JsonValueKind.Array) return true;
        var length = e.GetArrayLength();
        if (MinItems is { } min && length < min) return false;
        if (MaxItems is { } max && length > max) return false;
        if (Prefix.Length > 0 || Items is not null)
        {
            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                var schema = i < Prefix.Length ? Prefix[i] : Items;
                if (schema is not null && !schema.Test(item, depth)) return false;
                i++;
            }
        }
        return !Unique || AllDistinct(e, length);
    }

    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own)
    {
        if (e.ValueKind != JsonValueKind.Array) return;
        // With prefixItems, JsonSchema.Net 8.0.5 can report item locations that depend on keyword order.
        if (Prefix.Length > 0) throw new SchemaFallbackException();
        var length = e.GetArrayLength();
        if (MinItems is { } min && length < min) own.Add(("minItems", null));
        if (MaxItems is { } max && length > max) own.Add(("maxItems", null));
        if (Unique && !AllDistinct(e, length)) own.Add(("uniqueItems", null));
    }

    public override void ExplainChildren(JsonElement e, string path, int depth, List<SchemaFailure> output)
    {
        if (e.ValueKind != JsonValueKind.Array || Items is null) return;
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (!Items.Test(item, depth)) Items.Explain(item, $"{path}/{i}", depth, output);
            i++;
        }
    }

    /// <summary>The same dictionary JsonSchema.Net's uniqueItems builds, so "duplicate" means exactly what it means there.</summary>
    private static bool AllDistinct(JsonElement e, int length)
    {
        if (length < 2) return true;
        var seen = new HashSet<JsonElement>(length, UniqueItemsComparer.Instance);
        foreach (var item in e.EnumerateArray())
            if (!seen.Add(item)) return false;
        return true;
    }

    /// <summary>Equality and hash as in JsonSchema.Net 8.0.5's UniqueItemsKeyword (top-level numbers hash by decimal value).</summary>
    private sealed class UniqueItemsComparer : IEqualityComparer<JsonElement>
    {
        public static readonly UniqueItemsComparer Instance = new();

        public bool Equals(JsonElement x, JsonElement y) => x.IsEquivalentTo(y);

        public int GetHashCode(JsonElement obj) =>
            obj.ValueKind == JsonValueKind.Number ? obj.GetDecimal().GetHashCode() : obj.GetEquivalenceHashCode();
    }
}

internal sealed class RefCheck : SchemaCheck
{
    public SchemaNode? Target { get; set; }

    public override bool Test(JsonElement e, int depth) => Target!.Test(e, depth);
}

internal sealed class AllOfCheck(SchemaNode[] parts) : SchemaCheck
{
    public override bool Test(JsonElement e, int depth)
    {
        foreach (var part in parts)
            if (!part.Test(e, depth)) return false;
        return true;
    }
}

internal sealed class AnyOfCheck(SchemaNode[] parts) : SchemaCheck
{
    /// <summary>A failing node with this keyword is left to JsonSchema.Net: its output lists the branches tried, even when the keyword passes.</summary>
    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own) => throw new SchemaFallbackException();

    public override bool Test(JsonElement e, int depth)
    {
        if (parts.Length == 0) return true;
        foreach (var part in parts)
            if (part.Test(e, depth)) return true;
        return false;
    }
}

internal sealed class OneOfCheck(SchemaNode[] parts) : SchemaCheck
{
    /// <summary>A failing node with this keyword is left to JsonSchema.Net: its output lists the branches tried, even when the keyword passes.</summary>
    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own) => throw new SchemaFallbackException();

    public override bool Test(JsonElement e, int depth)
    {
        var valid = 0;
        foreach (var part in parts)
            if (part.Test(e, depth) && ++valid > 1) return false;
        return valid == 1;
    }
}

/// <summary>not: safe because a check that is not sure throws instead of answering false.</summary>
internal sealed class NotCheck(SchemaNode inner) : SchemaCheck
{
    /// <summary>A failing node with this keyword is left to JsonSchema.Net: its output lists the branches tried, even when the keyword passes.</summary>
    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own) => throw new SchemaFallbackException();

    public override bool Test(JsonElement e, int depth) => !inner.Test(e, depth);
}

/// <summary>if / then / else: <c>if</c> only chooses the branch.</summary>
internal sealed class IfCheck(SchemaNode condition, SchemaNode? then, SchemaNode? otherwise) : SchemaCheck
{
    /// <summary>A failing node with this keyword is left to JsonSchema.Net: its output lists the branches tried, even when the keyword passes.</summary>
    public override void Explain(JsonElement e, int depth, List<(string Keyword, string[]? Missing)> own) => throw new SchemaFallbackException();

    public override bool Test(JsonElement e, int depth) =>
        condition.Test(e, depth) ? then?.Test(e, depth) ?? true : otherwise?.Test(e, depth) ?? true;
}
