using System.Text.Json.Nodes;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Studio;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Studio;

/// <summary>
/// The studio's verification after an edit reuses what the edit did not touch (the form's checks and
/// type, unchanged expressions, template parses and renders against unchanged models) and still
/// reports exactly what a verification from scratch reports.
/// </summary>
public sealed class PackCheckCacheTests
{
    private static void SetTc03(PackDocument doc, string key, string value)
    {
        var rules = (JsonArray)doc.Json(PackDocument.Rules)!;
        var tc03 = ((JsonArray)rules[0]!["Rules"]!).First(r => r!["RuleName"]!.ToString() == "TC03")!;
        tc03[key] = value;
        doc.SetJson(PackDocument.Rules, rules);
    }

    [Fact]
    public void Edit_of_one_criterion_rebuilds_neither_the_form_nor_the_other_expressions_nor_unchanged_renders()
    {
        var cache = new PackCheckCache();
        var options = new PackLoadOptions { TemplateDirectory = Repo.Templates, Cache = cache };
        var doc = StudioEngineTests.Shipped("qd9745.xa");
        Assert.True(StudioCheck.Verify(doc, options).Ok);
        var (forms, compilations, renders) = (cache.FormBuilds, cache.Compilations, cache.Renders);
        Assert.Equal(1, forms);
        Assert.True(compilations > 30, $"{compilations} compilations");
        Assert.True(renders > 10, $"{renders} renders");

        SetTc03(doc, "Expression", "form.tc03.dat == true && form.tc01.dat == true");
        var verdict = StudioCheck.Verify(doc, options);

        Assert.True(verdict.Ok, string.Join("\n", verdict.Errors));
        Assert.Equal(forms, cache.FormBuilds);
        Assert.Equal(compilations + 1, cache.Compilations);
        // Renders run again only for test cases whose verdicts changed.
        Assert.True(cache.Renders - renders < renders, $"{cache.Renders - renders} of {renders} renders repeated");

        Assert.True(StudioCheck.Verify(doc, options).Ok);
        Assert.Equal(compilations + 1, cache.Compilations);
    }

    [Fact]
    public void Cached_verification_reports_the_same_errors_as_one_from_scratch()
    {
        var cache = new PackCheckCache();
        var cached = new PackLoadOptions { TemplateDirectory = Repo.Templates, Cache = cache };
        var scratch = new PackLoadOptions { TemplateDirectory = Repo.Templates };
        var doc = StudioEngineTests.Shipped("qd9745.xa");
        Assert.True(StudioCheck.Verify(doc, cached).Ok);

        SetTc03(doc, "Expression", "form.tc03.khong_co >= 2");
        var broken = StudioCheck.Verify(doc, cached);
        Assert.Equal(StudioCheck.Verify(doc, scratch).Errors, broken.Errors);
        Assert.Contains(broken.Errors, e => e.Message.Contains("khong_co", StringComparison.Ordinal));

        SetTc03(doc, "Expression", "form.tc03.dat == true");
        doc.SetText("templates/to-trinh.scriban", "{{ don_vi_khong_co.ten }}");
        var template = StudioCheck.Verify(doc, cached);
        Assert.Equal(StudioCheck.Verify(doc, scratch).Errors, template.Errors);
        Assert.Contains(template.Errors, e => e.Path.StartsWith("templates/to-trinh.scriban", StringComparison.Ordinal));

        var schema = (JsonObject)doc.Json(PackDocument.Schema)!;
        schema["type"] = "khong-phai-kieu";
        doc.SetJson(PackDocument.Schema, schema);
        Assert.Equal(StudioCheck.Verify(doc, scratch).Errors, StudioCheck.Verify(doc, cached).Errors);
    }
}
