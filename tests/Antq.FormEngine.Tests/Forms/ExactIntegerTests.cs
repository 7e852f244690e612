using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Forms;

/// <summary>
/// An <c>integer</c> field takes only numbers that are exactly safe integers: <c>1E-400</c> is not 0,
/// <c>1E400</c> and 2^53 + 1 are not counts. Same verdict on the compiled path and on JsonSchema.Net's.
/// </summary>
public sealed class ExactIntegerTests
{
    private static CompiledPack Pack(bool compiled)
    {
        var builder = new PackBuilder()
            .Field("so", """{ "type": "integer", "minimum": 0 }""", required: true)
            .Field("ds", """{ "type": "array", "items": { "type": "object", "properties": { "n": { "type": "integer" } } } }""")
            .Rule("r", "form.so == 0");
        // An unsupported keyword elsewhere makes the pack validate with JsonSchema.Net alone.
        if (!compiled) builder = builder.Field("khac", """{ "type": "object", "propertyNames": { "maxLength": 3 } }""");
        var pack = builder.Build();
        Assert.Equal(compiled, pack.Validator.IsCompiled);
        return pack;
    }

    [Theory]
    [InlineData("1E-400", true)]
    [InlineData("1E-400", false)]
    [InlineData("1.0e-400", true)]
    [InlineData("1E400", true)]
    [InlineData("1E400", false)]
    [InlineData("9007199254740993", true)]
    [InlineData("9007199254740993", false)]
    [InlineData("0.5", true)]
    [InlineData("1e-1", false)]
    public void InexactOrUnsafeInteger_Invalid_WithVietnameseFieldError(string number, bool compiled)
    {
        var result = Pack(compiled).Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data($$"""{ "so": {{number}} }"""));

        Assert.False(result.Valid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("/so", error.Path);
        Assert.Equal("Phải là số nguyên.", error.Message);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("0", false)]
    [InlineData("0.0", true)]
    [InlineData("0e5", false)]
    [InlineData("0E-400", true)]
    public void ExactZero_Valid(string number, bool compiled)
    {
        var result = Pack(compiled).Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data($$"""{ "so": {{number}} }"""));

        Assert.True(result.Valid, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }

    [Fact]
    public void InexactIntegerInsideAnArray_ReportedAtItsPlace()
    {
        foreach (var compiled in new[] { true, false })
        {
            var result = Pack(compiled).Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data("""{ "so": 0, "ds": [{ "n": 1 }, { "n": 1E-400 }] }"""));
            Assert.Equal("/ds/1/n", Assert.Single(result.Errors).Path);
        }
    }

    [Theory]
    [InlineData("5", 5L)]
    [InlineData("-5", -5L)]
    [InlineData("5.0", 5L)]
    [InlineData("1e2", 100L)]
    [InlineData("1.5E1", 15L)]
    [InlineData("120e-1", 12L)]
    [InlineData("9007199254740991", 9007199254740991L)]
    [InlineData("-9007199254740991", -9007199254740991L)]
    [InlineData("0E-400", 0L)]
    public void ExactIntegers_Parsed(string text, long expected)
    {
        Assert.True(ExactIntegers.TryGet(PackBuilder.Data(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1E-400")]
    [InlineData("1E400")]
    [InlineData("9007199254740992")]
    [InlineData("9007199254740993")]
    [InlineData("-9007199254740993")]
    [InlineData("1.5")]
    [InlineData("1e-1")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1E99999999999999999999")]
    public void NotExactSafeIntegers_Refused(string text) =>
        Assert.False(ExactIntegers.TryGet(PackBuilder.Data(text), out _));
}
