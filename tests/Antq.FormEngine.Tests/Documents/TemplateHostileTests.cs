using System.Diagnostics;
using Antq.FormEngine.Documents;

namespace Antq.FormEngine.Tests.Documents;

/// <summary>Hostile templates must stop quickly with a located, readable error, never an exception.</summary>
public class TemplateHostileTests
{
    // Two seconds is the default wall-clock bound; the theory gives the render more so that each
    // case shows the specific guard that stops it, while still finishing within a few seconds.
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);
    private static readonly RenderOptions Generous = RenderOptions.Default with { Timeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData("endless while", "{{ while true; end }}", "Vòng lặp vượt quá giới hạn")]
    [InlineData("endless while with a body", "{{ x = 0; while true; x = x + 1; end }}", "Vòng lặp vượt quá giới hạn")]
    [InlineData("deep recursion", "{{ func f; f; end; f }}", "đệ quy quá sâu")]
    [InlineData("huge range", "{{ for i in 1..100000000; end }}", "Vòng lặp vượt quá giới hạn")]
    [InlineData("nested loops", "{{ for i in 1..1000; for j in 1..1000; end; end }}", "Vòng lặp vượt quá giới hạn")]
    [InlineData("huge padding", "{{ 'x' | string.pad_left 200000000 }}", "Chuỗi vượt quá giới hạn")]
    [InlineData("doubling string", "{{ s = 'x'; for i in 1..40; s = s + s; end; s }}", "Chuỗi vượt quá giới hạn")]
    [InlineData("huge output", "{{ for i in 1..9000; 'x' | string.pad_left 250000; end }}", "vượt quá giới hạn")]
    [InlineData("allocating in a loop", "{{ for i in 1..9000; x = 'y' | string.pad_left 250000; end }}", "MB bộ nhớ")]
    [InlineData("exponential recursion", "{{ func f(n); if n > 0; f(n - 1); f(n - 1); end; end; f 40 }}", "bước tính toán")]
    [InlineData("keeping big strings", "{{ a = []; for i in 1..5000; a = a | array.add ('y' | string.pad_left 250000); end }}", "vượt quá giới hạn")]
    [InlineData("object eval through an indexer built at run time", "{{ object['ev' + 'al'] '1+1' }}", "`eval`")]
    [InlineData("include through an indexer built at run time", "{{ this['incl' + 'ude'] '/etc/passwd' }}", "`include`")]
    [InlineData("cyclic object to json", "{{ a = {}; a.b = a; a | object.to_json }}", "vòng tròn")]
    public void Hostile_template_fails_quickly_with_a_located_error(string name, string source, string expected)
    {
        var watch = Stopwatch.StartNew();

        var result = DocumentSamples.Render(source, options: Generous);

        watch.Stop();
        Assert.False(result.Ok, $"{name} rendered: {result.Output?[..Math.Min(100, result.Output.Length)]}");
        var error = Assert.Single(result.Errors);
        Assert.Equal("template.render", error.Code);
        Assert.Matches(@"^t\.scriban\(\d+,\d+\)$", error.Path);
        Assert.Contains(expected, error.Message);
        Assert.True(watch.Elapsed < Quickly, $"{name} took {watch.Elapsed}");
    }

    [Fact]
    public void Regex_backtracking_cannot_run_at_all()
    {
        const string pattern = "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' | regex.match '^(a+)+$'";
        var watch = Stopwatch.StartNew();

        var parsed = TemplateSandbox.Parse("{{ " + pattern + " }}", "t.scriban");
        var spelledAtRunTime = DocumentSamples.Render("{{ r = this['reg' + 'ex']; r.match 'aaaa!' '^(a+)+$' }}", options: Generous);

        Assert.Equal("template.forbidden", Assert.Single(parsed.Errors).Code);
        Assert.False(spelledAtRunTime.Ok);
        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_slow_template_is_stopped_by_the_timeout()
    {
        var options = RenderOptions.Default with { Timeout = TimeSpan.FromMilliseconds(200) };
        var watch = Stopwatch.StartNew();

        var result = DocumentSamples.Render("{{ for i in 1..9000; x = 'y' | string.pad_left 200000 | string.sha512; end }}", options: options);

        Assert.False(result.Ok);
        // Which last-resort bound trips first (200 ms or the 256 MB of allocations) depends on the machine's
        // speed at that moment; either way the render stops quickly with a Vietnamese reason.
        Assert.Matches("quá thời gian|quá 256 MB bộ nhớ", Assert.Single(result.Errors).Message);
        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
    }

    [Fact]
    public void Writing_to_the_model_is_an_error_and_changes_nothing()
    {
        var model = DocumentSamples.Model();
        var template = DocumentSamples.Parse("{{ unit.name = 'x' }}{{ unit.name }}");

        var first = TemplateSandbox.Render(template, model, RenderOptions.Default);
        var second = DocumentSamples.Render("{{ unit.name }}", model);

        Assert.False(first.Ok);
        Assert.Contains("không được ghi vào dữ liệu", first.Errors[0].Message);
        Assert.Equal("Xã An Phước", second.Output);
    }

    [Fact]
    public void Writing_into_a_model_array_does_not_reach_the_caller()
    {
        var model = DocumentSamples.Model();

        DocumentSamples.Render("{{ pack.legal_basis[0] = 'giả mạo' }}", model);
        var after = DocumentSamples.Render("{{ pack.legal_basis[0] }}", model);

        Assert.StartsWith("Quyết định số 9745", after.Output);
    }

    [Fact]
    public void A_template_variable_shadows_the_model_only_inside_its_render()
    {
        var model = DocumentSamples.Model();

        var first = DocumentSamples.Render("{{ unit = 'x' }}{{ unit }}", model);
        var second = DocumentSamples.Render("{{ unit.name }}", model);

        Assert.Equal("x", first.Output);
        Assert.Equal("Xã An Phước", second.Output);
    }

    [Theory]
    [InlineData("{{ date.format = '%Y' }}")]
    [InlineData("{{ string.upcase = 1 }}")]
    [InlineData("{{ object.x = 1 }}")]
    public void Builtins_are_read_only_and_shared_safely(string source)
    {
        var result = DocumentSamples.Render(source);
        var next = DocumentSamples.Render("{{ 'a' | string.upcase }}");

        Assert.False(result.Ok);
        Assert.Equal("A", next.Output);
    }

    [Fact]
    public void No_dotnet_member_is_reachable()
    {
        Assert.False(DocumentSamples.Render("{{ unit.GetType }}").Ok);
        Assert.Equal("", DocumentSamples.Render("{{ unit.GetType }}", options: RenderOptions.Default with { Strict = false }).Output);
    }

    [Fact]
    public void A_live_dotnet_object_in_the_model_is_refused_by_the_caller_contract()
    {
        var model = new Scriban.Runtime.ScriptObject { ["x"] = new List<int>() };

        Assert.Throws<ArgumentException>(() => TemplateSandbox.Render(DocumentSamples.Parse("{{ x }}"), model, RenderOptions.Default));
    }
}
