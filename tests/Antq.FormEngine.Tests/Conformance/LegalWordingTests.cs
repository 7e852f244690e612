using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Conformance;

/// <summary>
/// What the shipped packs claim about the law holds: every rule marked <c>wording: verbatim</c> carries
/// the law's own words in <c>Properties.text</c> and they occur, word for word, in the legal text kept
/// in the repository (docs/legal); wording shared between packs is identical; no author's notes reach
/// what officials see.
/// </summary>
public sealed partial class LegalWordingTests
{
    private static string LegalDir => Path.Combine(Repo.Root, "docs", "legal");

    /// <summary>NFC, every run of white space one space, trimmed: line breaks in the source do not matter, words do.</summary>
    internal static string Normalise(string s) => Spaces().Replace(s.Normalize(NormalizationForm.FormC), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static readonly Lazy<string> Tt124 = new(() => Normalise(File.ReadAllText(Path.Combine(LegalDir, "tt124-text.md"))));

    /// <summary>Every legal text and quotation file of docs/legal except its README.</summary>
    private static readonly Lazy<string> AllLegal = new(() => string.Join("\n", Directory.GetFiles(LegalDir, "*.md")
        .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
        .Select(f => Normalise(File.ReadAllText(f)))));

    public static TheoryData<string> Packs()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Repo.CriteriaPacks).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    internal static IEnumerable<JsonObject> Rules(string pack)
    {
        var workflows = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.CriteriaPacks, pack, "rules.json")))!.AsArray();
        foreach (var wf in workflows)
            foreach (var r in Walk(wf!["Rules"]!.AsArray())) yield return r;
        static IEnumerable<JsonObject> Walk(JsonArray rules)
        {
            foreach (var r in rules.Select(x => x!.AsObject()))
            {
                yield return r;
                if (r["Rules"] is JsonArray children)
                    foreach (var c in Walk(children)) yield return c;
            }
        }
    }

    private static string? Prop(JsonObject rule, string name) => rule["Properties"]?[name]?.GetValue<string>();

    [Theory]
    [MemberData(nameof(Packs))]
    public void VerbatimRules_QuoteTheLawWordForWord(string pack)
    {
        var problems = new List<string>();
        foreach (var rule in Rules(pack).Where(r => Prop(r, "wording") == "verbatim"))
        {
            var id = rule["RuleName"]!.GetValue<string>();
            var text = Prop(rule, "text");
            if (string.IsNullOrWhiteSpace(text)) { problems.Add($"{id}: wording is verbatim but Properties.text is missing"); continue; }
            var source = Prop(rule, "source") ?? "";
            var law = source.Contains("124/2021/TT-BCA", StringComparison.Ordinal) ? Tt124.Value : AllLegal.Value;
            if (!law.Contains(Normalise(text), StringComparison.Ordinal))
                problems.Add($"{id}: Properties.text does not occur in docs/legal ({source}): «{text}»");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Normalise_IgnoresLineBreaksAndComposition()
    {
        Assert.Equal("ly khai, đòi tự trị", Normalise("ly  khai,\n đòi tự trị".Normalize(NormalizationForm.FormD)));
        Assert.Contains(Normalise("Hoạt động ly khai, đòi tự trị"), Tt124.Value);
        Assert.DoesNotContain(Normalise("Hoạt động ly khai, tự trị"), Tt124.Value);
    }

    /// <summary>Rule id → (text, field title) of a pack, for the items it shares with another pack.</summary>
    private static Dictionary<string, string> Texts(string pack, string prefix) =>
        Rules(pack).Where(r => r["RuleName"]!.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal) && Prop(r, "text") is not null)
            .ToDictionary(r => r["RuleName"]!.GetValue<string>()[prefix.Length..], r => Prop(r, "text")!);

    [Fact]
    public void Dieu6Khoan3_SameWordsInTheAgencyAndTheSchoolPacks()
    {
        // Điều 7 k3 refers to Điều 6 k3 a, b, c, đ, e, g: the school pack must say exactly what the agency pack says.
        var agency = Texts("tt124.co-quan-doanh-nghiep", "TC03.");
        var school = Texts("tt124.co-so-giao-duc", "TC03.");
        Assert.Equal(["a", "b", "c", "d", "dd", "e", "g", "h"], agency.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["a", "b", "c", "dd", "e", "g"], school.Keys.Order(StringComparer.Ordinal));
        foreach (var (item, text) in school) Assert.Equal(agency[item], text);
        // The form's labels of those items are the same too.
        var agencyLabels = ItemLabels("tt124.co-quan-doanh-nghiep", "tc03");
        var schoolLabels = ItemLabels("tt124.co-so-giao-duc", "tc03");
        Assert.Equal(["a", "b", "c", "e", "g", "đ"], schoolLabels.Keys.Order(StringComparer.Ordinal)); // ordinal: đ sorts last
        foreach (var (item, label) in schoolLabels) Assert.Equal(agencyLabels[item], label);
    }

    [Fact]
    public void Dieu4Khoan3Khoan4_SameWordsInTheCommuneAndTheResidentialAreaPacks()
    {
        // Điều 5 k2 applies Điều 4 k2, k3, k4 to the commune.
        Assert.Equal(Texts("tt124.khu-dan-cu", "TC03"), Texts("tt124.xa", "TC02.k3"));
        Assert.Equal(Texts("tt124.khu-dan-cu", "TC04"), Texts("tt124.xa", "TC02.k4"));
        Assert.Equal(7, Texts("tt124.xa", "TC02.k3.").Count);
        Assert.Equal(4, Texts("tt124.xa", "TC02.k4.").Count);
    }

    [Fact]
    public void AT02_OfTheSeedPlanPack_SameRulesAsTt124Xa()
    {
        var tt = Texts("tt124.xa", "TC02.");
        var seed = Texts("qd9745.xa", "AT02.");
        Assert.Equal(tt, seed);
    }

    /// <summary>Item letter → label of the form's fields for "điểm X" of a clause.</summary>
    private static Dictionary<string, string> ItemLabels(string pack, string property) =>
        SchemaTitles(pack, property).Select(t => (Match: ItemLabel().Match(t), Title: t)).Where(x => x.Match.Success)
            .ToDictionary(x => x.Match.Groups[1].Value, x => x.Title);

    [GeneratedRegex(@"^(?:Số vụ, việc — điểm|Điểm) (\p{L}):")]
    private static partial Regex ItemLabel();

    private static IEnumerable<string> SchemaTitles(string pack, string property)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.CriteriaPacks, pack, "form.schema.json")))!;
        return Strings(schema["properties"]![property]!, "title");
    }

    private static IEnumerable<string> Strings(JsonNode node, params string[] keys)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    if (v is JsonValue value && keys.Contains(k) && value.TryGetValue<string>(out var s)) yield return s;
                    else if (v is not null) foreach (var x in Strings(v, keys)) yield return x;
                }
                break;
            case JsonArray a:
                foreach (var v in a) if (v is not null) foreach (var x in Strings(v, keys)) yield return x;
                break;
        }
    }

    /// <summary>Phrases of the pack author's working notes; they belong in the README and rule properties, not on screen.</summary>
    private static readonly string[] AuthorNotes =
    [
        "dịch từ", "bản dịch", "bản tiếng anh", "chưa phải nguyên văn", "quản trị viên", "chưa thu thập được", "thu thập được",
        "chưa tra cứu được", "nguồn bị cắt", "bị cắt", "tài liệu sản phẩm", "chưa đối chiếu", "diễn giải theo báo", "giữ chỗ",
    ];

    [Theory]
    [MemberData(nameof(Packs))]
    public void WhatOfficialsSee_HasNoAuthorNotes(string pack)
    {
        var dir = Path.Combine(Repo.CriteriaPacks, pack);
        var seen = new List<(string Where, string Text)>();
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "form.schema.json")))!;
        seen.AddRange(Strings(schema, "title", "description", "help").Select(s => ("form.schema.json", s)));
        foreach (var rule in Rules(pack))
        {
            foreach (var key in new[] { "ErrorMessage", "SuccessEvent" })
                if (rule[key]?.GetValue<string>() is { } m) seen.Add(("rules.json " + key, m));
            foreach (var key in new[] { "title", "group" })
                if (Prop(rule, key) is { } t) seen.Add(("rules.json " + key, t));
        }
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "pack.json")))!;
        seen.AddRange(Strings(manifest, "title").Select(s => ("pack.json", s)));
        if (File.Exists(Path.Combine(dir, "deadlines.json")))
            seen.AddRange(Strings(JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "deadlines.json")))!, "title").Select(s => ("deadlines.json", s)));
        var templates = Path.Combine(dir, "templates");
        if (Directory.Exists(templates))
            seen.AddRange(Directory.GetFiles(templates).Select(f => ("templates/" + Path.GetFileName(f), File.ReadAllText(f))));

        var hits = seen.Where(s => AuthorNotes.Any(n => s.Text.Contains(n, StringComparison.OrdinalIgnoreCase)))
            .Select(s => $"{s.Where}: «{s.Text}»").ToList();
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));
    }
}
