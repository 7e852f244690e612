using Antq.FormEngine.Documents;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Documents;

/// <summary>The template editor's variable picker is the model builder's own list, every member with its Vietnamese meaning.</summary>
public sealed class TemplateVariablesTests
{
    private static Scriban.Runtime.ScriptObject SampleModel()
    {
        var loaded = PackLoader.Load(Path.Combine(Repo.CriteriaPacks, "qd9745.xa"), new PackLoadOptions { TemplateDirectory = Repo.Templates, RunTests = false });
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var pack = loaded.Pack!;
        var test = pack.Tests[0];
        return TemplateModel.Build(TemplateModelInput.Sample(test.Unit, test.Year, pack.Manifest, test.Data, pack.Evaluate(test.Unit, test.Year, test.Data), "to-trinh"));
    }

    [Fact]
    public void Every_member_the_builder_makes_has_a_meaning_and_every_meaning_a_member()
    {
        var paths = TemplateVariables.Paths(SampleModel());

        var unexplained = paths.Where(p => !TemplateVariables.Meanings.ContainsKey(p)).ToList();
        var stale = TemplateVariables.Meanings.Keys.Where(k => !paths.Contains(k) && !paths.Any(p => p.StartsWith(k + ".", StringComparison.Ordinal) || p.StartsWith(k + "[]", StringComparison.Ordinal))).ToList();
        Assert.True(unexplained.Count == 0, "no meaning: " + string.Join(", ", unexplained));
        Assert.True(stale.Count == 0, "not in the model: " + string.Join(", ", stale));
    }

    [Fact]
    public void Snippets_render_in_the_sandbox_to_the_sample_values()
    {
        var model = SampleModel();
        var variables = TemplateVariables.Of(model);
        var year = variables.Single(v => v.Path == "year");
        Assert.Equal("{{ year }}", year.Snippet);
        var title = variables.Single(v => v.Path == "evaluation.criteria[].title");
        Assert.Equal("{{ for muc in evaluation.criteria }}{{ muc.title }}{{ end }}", title.Snippet);

        foreach (var variable in variables.Where(v => v.Snippet.Length > 0))
        {
            var parsed = TemplateSandbox.Parse(variable.Snippet, "thu.scriban");
            Assert.True(parsed.Ok, variable.Path + ": " + string.Join("\n", parsed.Errors));
            var rendered = TemplateSandbox.Render(parsed.Template, model);
            Assert.True(rendered.Ok, variable.Path + ": " + string.Join("\n", rendered.Errors));
            if (variable.Example.Length > 0 && !variable.Path.Contains("[]", StringComparison.Ordinal) && !variable.Example.EndsWith("mục", StringComparison.Ordinal))
                Assert.Contains(variable.Example.TrimEnd('…'), rendered.Output);
        }
    }
}
