using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Tests.Support;
using Json.Schema;

namespace Antq.FormEngine.Tests.Forms;

/// <summary>
/// The compiled validator against JsonSchema.Net, instance by instance: for every shipped pack,
/// the benchmark pack and a schema using every covered keyword, thousands of seeded random and
/// mutated instances must get the same yes/no from both, and the whole validation (errors and
/// unusable fields) must equal the JsonSchema.Net-only path.
/// </summary>
public sealed class CompiledSchemaDifferentialTests
{
    private const int InstancesPerSchema = 1000;

    public static TheoryData<string> Packs()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Repo.CriteriaPacks).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        data.Add("synthetic-34");
        return data;
    }

    private static CompiledPack Load(string name)
    {
        var path = name == "synthetic-34" ? Repo.TestData("synthetic-34") : Path.Combine(Repo.CriteriaPacks, name);
        var result = PackLoader.Load(path, new PackLoadOptions { TemplateDirectory = Repo.Templates, RunTests = false });
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        return result.Pack!;
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void ShippedPack_IsCompiled(string name)
    {
        var validator = Load(name).Validator;
        Assert.True(validator.IsCompiled, validator.NotCompiledBecause);
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void ShippedPack_CompiledVerdictEqualsJsonSchemaNet_OnRandomAndMutatedInstances(string name)
    {
        var pack = Load(name);
        var validator = pack.Validator;
        var reference = validator.ReferenceOnly();
        var generator = new SchemaInstances((JsonObject)pack.FormSchema, seed: StableSeed(name));
        var (valid, invalid, explained) = (0, 0, 0);
        var mismatches = new List<string>();
        for (var i = 0; i < InstancesPerSchema; i++)
        {
            var text = generator.Next()?.ToJsonString() ?? "null";
            using var document = JsonDocument.Parse(text);
            var data = document.RootElement;
            var expected = validator.ReferenceVerdict(data);
            var actual = validator.CompiledVerdict(data);
            if (expected) valid++; else invalid++;
            if (expected != actual) mismatches.Add($"#{i}: JsonSchema.Net {expected}, compiled {actual}: {text}");
            // Whenever the compiled validator answers itself, its whole validation (messages, order,
            // unusable fields) equals the JsonSchema.Net-only path's.
            var referenceValidation = reference.Validate(data);
            if (validator.CompiledValidation(data) is { } own)
            {
                if (!expected) explained++;
                AssertSameValidation(referenceValidation, own, text);
            }
            AssertSameValidation(referenceValidation, validator.Validate(data), text);
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} disagreements, first: {string.Join(Environment.NewLine, mismatches.Take(5))}");
        AssertBothVerdictsCommon(valid, invalid);
        AssertExplainedShare(explained, invalid, minimumPercent: 50, name);
    }

    /// <summary>Share of invalid instances the compiled validator must explain itself, so the comparison cannot pass by always falling back.</summary>
    private static void AssertExplainedShare(int explained, int invalid, int minimumPercent, string what) =>
        Assert.True(explained * 100 >= invalid * minimumPercent, $"{what}: the compiled validator explained only {explained} of {invalid} invalid instances");

    /// <summary>The benchmark's invalid inputs: plain failures are explained without JsonSchema.Net, the if/then one is not.</summary>
    [Theory]
    [InlineData("05-percentage-null.json", true)]
    [InlineData("06-wrong-type.json", true)]
    [InlineData("09-pattern-enum-fail.json", true)]
    [InlineData("10-if-then-fail.json", false)]
    public void BenchmarkInvalidInputs_ExplainedWhereSafe_WithTheSameErrors(string file, bool explained)
    {
        var validator = Load("synthetic-34").Validator;
        using var test = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.TestData("synthetic-34"), "tests", file)));
        var data = test.RootElement.GetProperty("data");
        var expected = validator.ReferenceOnly().Validate(data);
        Assert.NotEmpty(expected.Errors);
        var own = validator.CompiledValidation(data);
        Assert.Equal(explained, own is not null);
        if (own is { } answer) AssertSameValidation(expected, answer, file);
        AssertSameValidation(expected, validator.Validate(data), file);
    }

    [Theory]
    [InlineData("""{ "type": "object", "properties": { "a": { "anyOf": [{ "type": "string" }, { "type": "integer" }] } } }""", """{ "a": true }""")]
    [InlineData("""{ "type": "object", "properties": { "a": { "type": "integer" } }, "anyOf": [{ "required": ["a"] }, { "required": ["b"] }] }""", """{ "a": "x" }""")]
    [InlineData("""{ "type": "object", "properties": { "a": { "$ref": "#/$defs/n" } }, "$defs": { "n": { "type": "integer" } } }""", """{ "a": "x" }""")]
    [InlineData("""{ "type": "object", "dependentRequired": { "a": ["b"] } }""", """{ "a": 1 }""")]
    [InlineData("""{ "type": "array", "prefixItems": [{ "type": "integer" }], "items": { "type": "string" } }""", """[1, 2]""")]
    [InlineData("""{ "type": "object", "properties": { "a": { "type": "integer" } } }""", """{ "a": "x", "a": 1 }""")]
    public void FailuresUnderCombinatorsOrQuirks_AreLeftToJsonSchemaNet(string schemaText, string instanceText)
    {
        var (schema, compiled) = BuildBoth(schemaText);
        using var document = JsonDocument.Parse(instanceText);
        Assert.False(schema.Evaluate(document.RootElement, Flag).IsValid);
        Assert.Null(compiled.Explain(document.RootElement));
    }

    /// <summary>A schema with every keyword the compiled validator covers, recursive and escaped references included.</summary>
    internal const string EveryKeywordSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "urn:antq:test/every-keyword.json",
          "type": "object",
          "title": "Mọi từ khóa",
          "description": "Annotations are ignored.",
          "$comment": "x",
          "x-ui": { "sections": [] },
          "$defs": {
            "positive": { "type": "integer", "minimum": 1 },
            "node": {
              "type": "object",
              "properties": {
                "ten": { "type": "string", "maxLength": 5 },
                "con": { "type": "array", "items": { "$ref": "#/$defs/node" }, "maxItems": 3 }
              },
              "required": ["ten"],
              "additionalProperties": false
            },
            "a~b/c": { "type": "string", "enum": ["x", "y"] }
          },
          "properties": {
            "so_nguyen": { "type": "integer", "minimum": 0, "maximum": 100, "default": 1, "examples": [1] },
            "ty_le": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 100, "multipleOf": 0.01 },
            "boi_so": { "type": "integer", "multipleOf": 5 },
            "co_the_rong": { "type": ["integer", "null"], "minimum": -5 },
            "nhieu_kieu": { "type": ["string", "number", "boolean"] },
            "chuoi": { "type": "string", "minLength": 2, "maxLength": 6, "title": "Chuỗi", "readOnly": false },
            "mot_ky_tu": { "type": "string", "minLength": 1, "maxLength": 1 },
            "ma": { "type": "string", "pattern": "^[A-Z]{2}[0-9]+$" },
            "ngay": { "type": "string", "format": "date" },
            "ngay_gio": { "type": "string", "format": "date-time" },
            "thu": { "type": "string", "format": "email" },
            "tep": { "type": "string", "format": "uri-reference" },
            "duong_dan": { "format": "uri" },
            "gio": { "type": "string", "format": "time" },
            "ma_so": { "type": "string", "format": "uuid" },
            "ip": { "type": "string", "format": "ipv4" },
            "muc": { "enum": ["tot", 1, 2.5, null, { "a": 1 }, [1, 2]] },
            "hang_so": { "const": { "loai": "co-quan", "so": 1 } },
            "co": { "const": true },
            "tham_chieu": { "$ref": "#/$defs/positive", "maximum": 10 },
            "cay": { "$ref": "#/$defs/node" },
            "la": { "$ref": "#/$defs/a~0b~1c" },
            "danh_sach": { "type": "array", "items": { "type": "string", "maxLength": 3 }, "minItems": 1, "maxItems": 4, "uniqueItems": true },
            "cap": { "type": "array", "prefixItems": [{ "type": "integer" }, { "type": "string" }], "items": false },
            "bo": { "type": "array", "prefixItems": [{ "type": "boolean" }], "items": { "type": "number" }, "uniqueItems": true },
            "nhom": { "type": "object", "properties": { "x": { "type": "integer" } }, "additionalProperties": { "type": "string" }, "minProperties": 1, "maxProperties": 3 },
            "dong": { "type": "object", "additionalProperties": false, "properties": { "a": true, "b": false } },
            "mot_trong": { "oneOf": [{ "type": "integer", "multipleOf": 2 }, { "type": "integer", "multipleOf": 3 }] },
            "bat_ky": { "anyOf": [{ "type": "string", "maxLength": 2 }, { "type": "integer", "maximum": 5 }] },
            "tat_ca": { "allOf": [{ "type": "number", "minimum": 0 }, { "maximum": 50 }] },
            "khong": { "not": { "type": "string" } },
            "khong_phai_so": { "not": { "enum": [1, 2] } },
            "dieu_kien": {
              "type": "object",
              "properties": { "loai": { "type": "string" }, "a": {}, "b": {} },
              "if": { "properties": { "loai": { "const": "a" } }, "required": ["loai"] },
              "then": { "required": ["a"] },
              "else": { "required": ["b"] }
            },
            "phu_thuoc": { "type": "object", "properties": { "tu": {}, "den": {} }, "dependentRequired": { "tu": ["den"], "den": ["tu"] } },
            "loai_don_vi": { "type": "string", "oneOf": [{ "const": "co-quan", "title": "Cơ quan" }, { "const": "doanh-nghiep", "title": "Doanh nghiệp" }] }
          },
          "required": ["so_nguyen", "chuoi"],
          "additionalProperties": false,
          "allOf": [
            { "if": { "properties": { "co": { "const": true } }, "required": ["co"] }, "then": { "required": ["ngay"] } }
          ]
        }
        """;

    private static (JsonSchema Schema, CompiledSchema Compiled) BuildBoth(string schemaText)
    {
        var element = JsonDocument.Parse(schemaText).RootElement.Clone();
        var dialects = new DialectRegistry();
        dialects.Register(SafePatternKeyword.Dialect);
        var schema = JsonSchema.Build(element, new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = SafePatternKeyword.Dialect, DialectRegistry = dialects },
            new Uri("urn:antq:pack/form.schema.json"));
        var compiled = CompiledSchema.TryCompile(element, out var unsupported);
        Assert.True(compiled is not null, unsupported);
        return (schema, compiled!);
    }

    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };

    [Fact]
    public void EveryKeywordSchema_CompiledVerdictEqualsJsonSchemaNet_OnRandomAndMutatedInstances()
    {
        var (schema, compiled) = BuildBoth(EveryKeywordSchema);
        var generator = new SchemaInstances((JsonObject)JsonNode.Parse(EveryKeywordSchema)!, seed: 20251115);
        var (valid, invalid, explained) = (0, 0, 0);
        var mismatches = new List<string>();
        for (var i = 0; i < 6 * InstancesPerSchema; i++)
        {
            var text = generator.Next()?.ToJsonString() ?? "null";
            using var document = JsonDocument.Parse(text);
            var expected = schema.Evaluate(document.RootElement, Flag).IsValid;
            if (expected) valid++; else invalid++;
            if (expected != compiled.IsValid(document.RootElement)) mismatches.Add($"#{i}: JsonSchema.Net {expected}: {text}");
            // Whenever the compiled validator explains the data itself, its failures are exactly
            // JsonSchema.Net's failing nodes' errors, in the same order.
            if (compiled.Explain(document.RootElement) is { } own)
            {
                if (!expected) explained++;
                var reference = ReferenceFailures(schema.Evaluate(document.RootElement, Hierarchical));
                if (!reference.SequenceEqual(own.Select(Describe))) mismatches.Add($"#{i}: failures differ, JsonSchema.Net [{string.Join("; ", reference)}], compiled [{string.Join("; ", own.Select(Describe))}]: {text}");
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} disagreements, first: {string.Join(Environment.NewLine, mismatches.Take(5))}");
        AssertBothVerdictsCommon(valid, invalid);
        // Most of this schema's fields sit under anyOf/oneOf/not/if, which are left to JsonSchema.Net.
        AssertExplainedShare(explained, invalid, minimumPercent: 20, "every-keyword schema");
    }

    private static readonly EvaluationOptions Hierarchical = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    private static string Describe(SchemaFailure failure) =>
        $"{failure.Path} {failure.Keyword}{(failure.Missing is { } names ? " " + string.Join(",", names) : "")}";

    /// <summary>JsonSchema.Net's failing nodes' errors as the engine reads them (missing names parsed from <c>required</c>'s message).</summary>
    private static List<string> ReferenceFailures(EvaluationResults results) =>
        [.. SchemaResults.FailingNodes(results).SelectMany(node => node.Errors!.Select(error => Describe(new SchemaFailure(node.InstanceLocation.ToString(), error.Key,
            error.Key == "required" ? [.. FormValidator.MissingNames(error.Value)] : null))))];

    /// <summary>Per keyword, the spots where libraries commonly differ: each instance against a one-keyword schema.</summary>
    [Theory]
    [InlineData("""{ "type": "integer" }""", """[1, 1.0, 1e2, 1.5, -0, 9223372036854775808, 1e400, "1", null, true]""")]
    [InlineData("""{ "type": "number", "minimum": 0, "maximum": 100 }""", """[0, -0, -0.0, 100, 100.0, 1e2, 100.0000000000000001, 99.99999999999999999, -1e-300, 1e400, -1e400, 0.1e3, 1E+2]""")]
    [InlineData("""{ "exclusiveMinimum": 0.1, "exclusiveMaximum": 0.3 }""", """[0.1, 0.10000000000000001, 0.2, 0.3, 0.29999999999999999, 0.30000000000000004, 1e-1, 3e-1]""")]
    [InlineData("""{ "multipleOf": 0.1 }""", """[0.3, 0.7, 1, 1.05, 0, -0.2, 1e400, 12345678901234567890.1]""")]
    [InlineData("""{ "multipleOf": 3 }""", """[9, 9.0, 10, 3e1, 1e400, -6]""")]
    [InlineData("""{ "minLength": 2, "maxLength": 3 }""", """["ab", "a", "😀", "😀😀", "e\u0301", "e\u0301e\u0301", "\r\n", "\r\na", "abcd", "👍🏽👍🏽", "", 5]""")]
    [InlineData("""{ "pattern": "^a$" }""", """["a", "a\n", "b", "\na", 1]""")]
    [InlineData("""{ "format": "date" }""", """["2025-02-28", "2025-02-30", "2024-02-29", "2025-2-3", "2025-02-03T00:00:00Z", " 2025-02-03", 20250203, null]""")]
    [InlineData("""{ "format": "date" }""", """["0000-01-01", "0001-01-01", "9999-12-31", "2023-02-29", "2000-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32", "\u0032025-01-01", "2025\u002d01-01", "２０２５-01-01", "2025-01-01 ", "2025/01/01", "+2025-01-01", "20250-01-01"]""")]
    [InlineData("""{ "format": "uri-reference" }""", """["a/b.pdf", "", "a b", "\\\\x", "http://x", "%zz", "#", "tài liệu.pdf"]""")]
    [InlineData("""{ "format": "khong-biet" }""", """["x", 1]""")]
    [InlineData("""{ "enum": [1, "1", null, {"a": [1]}] }""", """[1, 1.0, 10e-1, "1", null, {"a": [1.0]}, {"a": [1], "b": 1}, 2, false, 1e400]""")]
    [InlineData("""{ "const": {"a": 1, "b": [true]} }""", """[{"b": [true], "a": 1.0}, {"a": 1}, {"a": 1, "b": [false]}]""")]
    [InlineData("""{ "uniqueItems": true }""", """[[1, 1.0], [1, 2], [[1], [1.0]], [{"a": 1}, {"a": 1.0}], [{"a": 1, "b": 2}, {"b": 2, "a": 1}], ["a", "a"], [null, null], [], [1e400, 1]]""")]
    [InlineData("""{ "properties": { "a": { "type": "string" } }, "required": ["a"], "additionalProperties": false }""", """[{"a": "x"}, {"a": 1}, {}, {"a": "x", "b": 1}, {"\u0061": "x"}, {"a\u00e9": "x"}, 1]""")]
    [InlineData("""{ "oneOf": [{ "type": "integer" }, { "minimum": 2 }] }""", """[1, 2, 1.5, 2.5, "x"]""")]
    [InlineData("""{ "not": { "enum": [1e400] } }""", """[1, 1e400, "x"]""")]
    public void SingleKeyword_CompiledVerdictEqualsJsonSchemaNet(string schemaText, string instancesText)
    {
        var (schema, compiled) = BuildBoth(schemaText);
        using var instances = JsonDocument.Parse(instancesText);
        foreach (var instance in instances.RootElement.EnumerateArray())
        {
            bool expected;
            try { expected = schema.Evaluate(instance, Flag).IsValid; }
            catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException)
            {
                // JsonSchema.Net cannot decide (GetDecimal on 1e400): the compiled validator must not claim "valid".
                Assert.False(compiled.IsValid(instance), $"{instance.GetRawText()} against {schemaText}");
                continue;
            }
            Assert.True(expected == compiled.IsValid(instance), $"{instance.GetRawText()} against {schemaText}: JsonSchema.Net says {expected}");
        }
    }

    /// <summary>
    /// The compiled date check's shortcut (<see cref="FormatCheck.IsPlainDate"/>) says yes only where JsonSchema.Net's
    /// date format does, and to every plain date it accepts: every month and day number around the calendar's edges.
    /// </summary>
    [Fact]
    public void PlainDateShortcut_AgreesWithJsonSchemaNetsDateFormat()
    {
        foreach (var year in new[] { 0, 1, 999, 1900, 2000, 2023, 2024, 9999 })
            for (var month = 0; month <= 13; month++)
                for (var day = 0; day <= 32; day++)
                {
                    using var document = JsonDocument.Parse($"\"{year:0000}-{month:00}-{day:00}\"");
                    var date = document.RootElement;
                    Assert.True(Formats.Date.Validate(date, out _) == FormatCheck.IsPlainDate(date), date.GetRawText());
                }
        foreach (var text in new[] { "\"\\u0032025-01-01\"", "\"2025-01-01T00:00:00\"", "\"2025-1-01\"", "20250101", "null" })
        {
            using var document = JsonDocument.Parse(text);
            Assert.False(FormatCheck.IsPlainDate(document.RootElement), text);
        }
    }

    [Theory]
    [InlineData("""{"a": "x", "a": 5}""")]
    [InlineData("""{"a": 5, "a": "x"}""")]
    [InlineData("""{"a": "x", "\u0061": "y"}""")]
    public void DuplicatePropertyNames_AreLeftToJsonSchemaNet(string instanceText)
    {
        var (schema, compiled) = BuildBoth("""{ "properties": { "a": { "type": "string" } } }""");
        using var document = JsonDocument.Parse(instanceText);
        // JsonSchema.Net checks only the first occurrence; the compiled validator is not sure and says "not valid".
        Assert.False(compiled.IsValid(document.RootElement));
        Assert.Equal(instanceText.StartsWith("""{"a": 5""", StringComparison.Ordinal) ? false : true, schema.Evaluate(document.RootElement, Flag).IsValid);
    }

    [Fact]
    public void DuplicatePropertyNames_EvaluateGivesTheSameErrorsAsBefore()
    {
        var pack = new PackBuilder().Field("a", """{ "type": "string" }""").Rule("r", "form.a != null").Build();
        foreach (var text in new[] { """{"a": "x", "a": 5}""", """{"a": 5, "a": "x"}""" })
        {
            using var document = JsonDocument.Parse(text);
            AssertSameValidation(pack.Validator.ReferenceOnly().Validate(document.RootElement), pack.Validator.Validate(document.RootElement), text);
        }
    }

    [Theory]
    [InlineData("""{ "type": "array", "contains": { "const": "x" } }""", "contains")]
    [InlineData("""{ "type": "object", "unevaluatedProperties": false }""", "unevaluatedProperties")]
    [InlineData("""{ "type": "object", "propertyNames": { "maxLength": 3 } }""", "propertyNames")]
    [InlineData("""{ "$anchor": "here", "type": "string" }""", "$anchor")]
    [InlineData("""{ "$id": "urn:x:y", "type": "string" }""", "$id")]
    [InlineData("""{ "type": "object", "dependentSchemas": { "a": { "required": ["b"] } } }""", "dependentSchemas")]
    public void UnsupportedKeyword_PackFallsBackToJsonSchemaNet_AndStillValidates(string fieldSchema, string keyword)
    {
        var pack = new PackBuilder()
            .Field("truong", fieldSchema)
            .Field("so", """{ "type": "integer", "maximum": 10 }""", required: true)
            .Rule("r", "form.so >= 0")
            .Build();
        Assert.False(pack.Validator.IsCompiled);
        Assert.Contains(keyword, pack.Validator.NotCompiledBecause);

        var valid = pack.Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data("""{ "so": 3 }"""));
        Assert.True(valid.Valid);
        Assert.Empty(valid.Errors);

        var invalid = pack.Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data("""{ "so": 11 }"""));
        Assert.False(invalid.Valid);
        var error = Assert.Single(invalid.Errors);
        Assert.Equal("/so", error.Path);
        Assert.Equal("Phải nhỏ hơn hoặc bằng 10.", error.Message);
    }

    [Fact]
    public void UnsupportedKeyword_InvalidDataForThatKeyword_StillReported()
    {
        var pack = new PackBuilder()
            .Field("ds", """{ "type": "array", "items": { "type": "string" }, "contains": { "const": "x" } }""")
            .Rule("r", "true")
            .Build();
        Assert.False(pack.Validator.IsCompiled);
        var result = pack.Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data("""{ "ds": ["a", "b"] }"""));
        Assert.False(result.Valid);
        Assert.Contains(result.Errors, e => e is { Path: "/ds", Keyword: "contains", Message: "Danh sách chưa có mục theo yêu cầu." });
        Assert.True(pack.Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data("""{ "ds": ["a", "x"] }""")).Valid);
    }

    [Fact]
    public void LocalReferenceLoopThatConsumesNoData_IsNotClaimedValid()
    {
        var element = JsonDocument.Parse("""{ "$defs": { "a": { "$ref": "#/$defs/a" } }, "$ref": "#/$defs/a" }""").RootElement.Clone();
        var compiled = CompiledSchema.TryCompile(element, out _);
        Assert.NotNull(compiled);
        using var document = JsonDocument.Parse("1");
        Assert.False(compiled!.IsValid(document.RootElement));
    }

    private static void AssertSameValidation((List<FieldError> Errors, List<string> Unusable) expected, (List<FieldError> Errors, List<string> Unusable) actual, string data)
    {
        Assert.True(expected.Errors.SequenceEqual(actual.Errors), $"errors differ for {data}");
        Assert.True(expected.Unusable.SequenceEqual(actual.Unusable), $"unusable fields differ for {data}");
    }

    /// <summary>The generator must produce plenty of both verdicts, or agreement would prove little.</summary>
    private static void AssertBothVerdictsCommon(int valid, int invalid)
    {
        var total = valid + invalid;
        Assert.True(valid >= total / 10, $"only {valid} of {total} instances valid");
        Assert.True(invalid >= total / 10, $"only {invalid} of {total} instances invalid");
    }

    private static int StableSeed(string name) => name.Aggregate(17, (h, c) => unchecked(h * 31 + c));
}
