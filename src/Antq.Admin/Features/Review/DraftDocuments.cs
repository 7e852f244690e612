using System.Text.Json;
using Antq.FormEngine;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;

namespace Antq.Admin.Features.Review;

/// <summary>
/// Draft previews of a pack's dossier documents for a submission: rendered by the engine's template
/// sandbox from the submission's own data and stored verdict, with the template's current (staff-edited) version, and
/// no number, date place or signer yet.
/// </summary>
public static class DraftDocuments
{
    /// <summary>The HTML of the draft rendered from <paramref name="template"/> (the current edited version), or the reason it could not be.</summary>
    public static (string? Html, string? Error) Render(ParsedTemplate template, CompiledPack pack, DocumentRef document, UnitInfo unit, int year,
        JsonElement form, EvaluationResult evaluation, DateOnly today)
    {
        var input = new TemplateModelInput(unit, year, pack.Manifest, form, evaluation,
            new DocumentInfo(document.Id, document.Title, "", today, "", ""), new SignerInfo("", ""), null);
        var result = TemplateSandbox.Render(template, TemplateModel.Build(input));
        return result.Ok ? (result.Output, null) : (null, string.Join(" ", result.Errors.Select(e => e.Message)));
    }
}
