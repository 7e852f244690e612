using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Features.Documents;

/// <summary>Staff-editable document templates (administrators). Keys: <c>to-trinh</c>, or <c>packId@version:templateId</c>.</summary>
public static class TemplatesApi
{
    public static void MapTemplateRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/templates").WithTags("Templates").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", async Task<Ok<IReadOnlyList<TemplateSummary>>> (TemplateEditing templates, CancellationToken ct) =>
                TypedResults.Ok(await templates.ListAsync(ct)))
            .WithName("ListTemplates").WithSummary("Every template (shared ones and those active packs ship) with its current version.");

        group.MapGet("/{key}", async Task<Ok<TemplateDetail>> (string key, TemplateEditing templates, CancellationToken ct) =>
                TypedResults.Ok(await templates.GetAsync(key, ct)))
            .WithName("GetTemplate").WithSummary("The current source and every version of a template.");

        group.MapGet("/{key}/versions/{version:int}", async Task<Ok<TemplateSourceView>> (string key, int version, TemplateEditing templates, CancellationToken ct) =>
                TypedResults.Ok(await templates.GetVersionAsync(key, version, ct)))
            .WithName("GetTemplateVersion").WithSummary("The source of one version.");

        group.MapPut("/{key}", async Task<Results<Created<TemplateDetail>, ProblemHttpResult>> (
                string key, SaveTemplateRequest request, TemplateEditing templates, CancellationToken ct) =>
                Created(await templates.SaveAsync(key, request, ct)))
            .WithName("SaveTemplate")
            .WithSummary("Save a new version after the sandbox checks (parse, forbidden constructs, strict render against the packs' test cases); 422 lists the errors with line and column, 409 when `baseVersion` is stale.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{key}/revert", async Task<Results<Created<TemplateDetail>, ProblemHttpResult>> (
                string key, RevertTemplateRequest request, TemplateEditing templates, CancellationToken ct) =>
                Created(await templates.RevertAsync(key, request, ct)))
            .WithName("RevertTemplate").WithSummary("A new version equal to an older one (checked like a save).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{key}/preview", async Task<Results<Ok<PreviewView>, ProblemHttpResult>> (
                string key, PreviewTemplateRequest request, TemplateEditing templates, CancellationToken ct) =>
            {
                var result = await templates.PreviewAsync(key, request, ct);
                return result.ToHttp();
            })
            .WithName("PreviewTemplate").WithSummary("Render a source (unsaved) against a submission as a draft, or without `submissionId` against the sample test case; errors carry line and column.");

        group.MapGet("/{key}/variables", async Task<Ok<IReadOnlyList<Antq.FormEngine.Documents.TemplateVariable>>> (string key, TemplateEditing templates, CancellationToken ct) =>
                TypedResults.Ok(await templates.VariablesAsync(key, ct)))
            .WithName("TemplateVariables").WithSummary("The template model's variables with their Vietnamese meaning, the sample value and the snippet the editor inserts.");
    }

    private static Results<Created<TemplateDetail>, ProblemHttpResult> Created(Result<TemplateDetail> result) =>
        result.Failure is { } failure
            ? failure.ToProblem()
            : TypedResults.Created($"/api/templates/{Uri.EscapeDataString(result.Value!.Key)}", result.Value);
}
