using System.Text;
using Antq.Documents;
using Antq.FormEngine;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;
using Scriban.Runtime;

namespace Antq.Bench;

/// <summary>
/// The benchmarks' document: the Tờ trình of criteria-packs/qd9745.xa (templates/to-trinh.scriban) for a
/// commune, from the pack's first test case, keeping its first <c>criteria</c> criteria (four ≈ two A4 pages;
/// all ≈ six).
/// </summary>
internal sealed record ToTrinhSample(ParsedTemplate Template, ScriptObject Model, string Html)
{
    public static ToTrinhSample Build(int criteria)
    {
        var loaded = PackLoader.Load(Path.Combine(BenchData.RepoRoot, "criteria-packs", "qd9745.xa"),
            new PackLoadOptions { TemplateDirectory = Path.Combine(BenchData.RepoRoot, "templates"), RunTests = false });
        if (!loaded.Ok)
            throw new InvalidOperationException("criteria-packs/qd9745.xa was refused: " + string.Join("; ", loaded.Errors));
        var pack = loaded.Pack;
        var unit = new UnitInfo("xa", "26041", "Xã An Phước", "commune", "Ủy ban nhân dân huyện Long Thành");
        var evaluation = pack.Evaluate(unit, 2025, pack.Tests[0].Data);
        evaluation = evaluation with { Criteria = evaluation.Criteria.Take(criteria).ToList() };
        var document = pack.Manifest.Documents.Single(d => d.Id == "to-trinh");
        var template = pack.Templates[document.Template];
        var model = TemplateModel.Build(TemplateModelInput.Sample(unit, 2025, pack.Manifest, pack.Tests[0].Data, evaluation, document.Id));
        var rendered = DocumentOutput.RenderHtml(template, model);
        if (!rendered.Ok)
            throw new InvalidOperationException("to-trinh did not render: " + string.Join("; ", rendered.Errors));
        return new ToTrinhSample(template, model, Encoding.UTF8.GetString(rendered.Content));
    }
}
