using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Tests.Packs;

/// <summary>What files may hold: allowed kinds, strict UTF-8, strict JSON.</summary>
public sealed class PackReaderContentTests
{
    private static PackReadResult ReadWith(string name, byte[] bytes) =>
        PackReader.ReadZip(ZipBuilder.GoodPack().Add(name, bytes).Build());

    private static PackReadResult ReadWith(string name, string text) =>
        PackReader.ReadZip(ZipBuilder.GoodPack().Add(name, text).Build());

    [Theory]
    [InlineData("script.js")]
    [InlineData("tool.exe")]
    [InlineData("LICENSE")]
    [InlineData("templates/logo.png")]
    public void ReadZip_DisallowedFileKind_Refused(string name)
    {
        var error = PackAssert.Refused(ReadWith(name, "x"), "file.not-allowed");

        Assert.Equal(name, error.Path);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("docs/HUONG-DAN.MD")]
    [InlineData("templates/bien-ban.scriban")]
    public void ReadZip_AllowedTextKinds_Accepted(string name) =>
        PackAssert.Accepted(ReadWith(name, "Biên bản họp xét"));

    [Fact]
    public void ReadZip_InvalidUtf8_RefusedWithPosition()
    {
        // Windows-1258 bytes, a common mistake for Vietnamese text: "Bi\xEAn" is not UTF-8.
        var error = PackAssert.Refused(ReadWith("templates/x.scriban", [(byte)'a', (byte)'\n', (byte)'B', (byte)'i', 0xEA, (byte)'n']), "file.not-utf8");

        Assert.Equal("templates/x.scriban(2,3)", error.Path);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0xAF })]              // overlong "/"
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]        // UTF-16 surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]  // past U+10FFFF
    [InlineData(new byte[] { 0xE1, 0xBB })]              // truncated
    public void ReadZip_MalformedUtf8Sequences_Refused(byte[] bytes) =>
        PackAssert.Refused(ReadWith("notes.txt", bytes), "file.not-utf8");

    [Fact]
    public void ReadZip_Utf8Bom_AcceptedAndStripped()
    {
        var files = PackAssert.Accepted(ReadWith("tests/bom.json", [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']));

        Assert.Equal("{}"u8.ToArray(), files.Get("tests/bom.json"));
    }

    [Fact]
    public void ReadZip_JsonDepth65_RefusedAsTooDeep()
    {
        var error = PackAssert.Refused(ReadWith("tests/deep.json", Nested(65)), "json.too-deep");

        Assert.StartsWith("tests/deep.json(1,", error.Path);
    }

    [Fact]
    public void ReadZip_JsonDepth64_Accepted() => PackAssert.Accepted(ReadWith("tests/deep.json", Nested(64)));

    [Fact]
    public void ReadZip_VeryDeepJson_RefusedAsTooDeep() =>
        PackAssert.Refused(ReadWith("tests/deep.json", Nested(100_000)), "json.too-deep");

    [Fact]
    public void ReadZip_InvalidJson_ReportsLineAndColumn()
    {
        var error = PackAssert.Refused(ReadWith("rules2.json", "[\n  { \"a\": 1 },\n  { \"b\": }\n]"), "json.invalid");

        Assert.Equal("rules2.json(3,10)", error.Path);
        Assert.Contains("dòng 3", error.Message);
    }

    [Theory]
    [InlineData("{ \"a\": 1, }")]
    [InlineData("{ \"a\": 1 } // chú thích")]
    [InlineData("/* chú thích */ {}")]
    [InlineData("")]
    [InlineData("{} {}")]
    [InlineData("{ 'a': 1 }")]
    public void ReadZip_NonStrictJson_Refused(string text) => PackAssert.Refused(ReadWith("x.json", text), "json.invalid");

    [Fact]
    public void ReadZip_DuplicateJsonProperty_Refused() =>
        PackAssert.Refused(ReadWith("x.json", "{ \"points\": 1, \"points\": 100 }"), "json.duplicate-property");

    [Fact]
    public void ReadZip_JsonOnlyCheckedInJsonFiles_MarkdownWithBracesAccepted() =>
        PackAssert.Accepted(ReadWith("README2.md", "{ not json"));

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}
