using Antq.Admin.Features.Packs.Impact;
using Antq.Admin.Features.Packs.Moves;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs.Diff;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Packs;

/// <summary>The pack registry API. Authorisation is done by the services; the group only requires a sign-in.</summary>
public static class PacksApi
{
    /// <summary>The largest pack plus room for the multipart framing around it.</summary>
    private static readonly long UploadRequestLimit = PackAdministration.MaxArchiveBytes + 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/packs").WithTags("Packs").RequireAuthorization();

        group.MapGet("/", async Task<Ok<IReadOnlyList<PackSummary>>> (PackQueries packs, CancellationToken ct) =>
                TypedResults.Ok(await packs.ListAsync(ct)))
            .WithName("ListPacks").WithSummary("Packs with their active version, unit kinds and recognising level.");

        group.MapPost("/", Upload)
            .WithName("UploadPack").WithSummary("Upload a pack version (.zip, field 'file'): verified in full, then stored immutably. Administrators only.")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            // An API called with a bearer token: no antiforgery token to check. The size limit is explicit.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithFormOptions(multipartBodyLengthLimit: UploadRequestLimit);

        group.MapGet("/{id}/versions", async Task<Ok<IReadOnlyList<PackVersionView>>> (string id, PackQueries packs, CancellationToken ct) =>
                TypedResults.Ok(await packs.VersionsAsync(id, ct)))
            .WithName("ListPackVersions").WithSummary("Stored versions of a pack: SHA-256, uploader, time, which one is active.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/versions/{version}", async Task<Ok<PackVersionView>> (string id, string version, PackQueries packs, CancellationToken ct) =>
                TypedResults.Ok(await packs.VersionAsync(id, version, ct)))
            .WithName("GetPackVersion").WithSummary("One stored version of a pack.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/versions/{version}/activate", async Task<Results<Ok<PackActivationView>, ProblemHttpResult>> (
                string id, string version, PackAdministration admin, CancellationToken ct) =>
                (await admin.ActivateAsync(id, version, ct)).ToHttp(done => TypedResults.Ok(PackActivationView.Of(done))))
            .WithName("ActivatePackVersion").WithSummary("Make a stored version active (also the rollback); new requests use it at once, requests in flight finish on theirs. "
                + "The pack's drafts and returned dossiers then move to it in the background, their units notified (ADR 0010): the answer says how many (dossiersToMove) and the run to follow (moveRun.location).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}/move-runs/{runId:guid}", async Task<Ok<MoveRunView>> (string id, Guid runId, MoveRuns runs, CancellationToken ct) =>
                TypedResults.Ok(await runs.GetAsync(id, runId, ct)))
            .WithName("GetPackMoveRun").WithSummary("The moving of a pack's drafts and returned dossiers after an activation: status (queued, running, done, failed, superseded), done/total dossiers, the reason once failed. Province administrators.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/versions/{version}/impact", PreviewImpact)
            .WithName("PreviewPackImpact").WithSummary("Re-evaluate every submission of the pack in the administrator's scope under a candidate version and list who changes outcome, criterion by criterion. "
                + "With more dossiers in scope than ANTQ_IMPACT_INLINE_MAX (default 500): 202 with the background run computing it (as POST …/impact-runs) and its Location.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/versions/{version}/impact-runs", async Task<Accepted<ImpactRunView>> (string id, string version, ImpactRuns runs, CancellationToken ct) =>
            {
                var run = await runs.StartAsync(id, version, ct);
                return TypedResults.Accepted(run.Location, run);
            })
            .WithName("StartPackImpactRun").WithSummary("Start the impact preview in the background (202 with the run and its Location). Reuses the finished run while the pack's submissions in scope are unchanged, and joins a run still in progress.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/versions/{version}/impact-runs/{runId:guid}", async Task<Ok<ImpactRunView>> (string id, string version, Guid runId, ImpactRuns runs, CancellationToken ct) =>
                TypedResults.Ok(await runs.GetAsync(id, version, runId, ct)))
            .WithName("GetPackImpactRun").WithSummary("A background impact run: status (queued, running, done, failed), done/total dossiers, the preview once done (as GET …/impact), the reason once failed. Runs of another scope are not found.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/diff", Diff)
            .WithName("DiffPackVersions").WithSummary("The readable difference between two stored versions (?from=&to=): fields, criteria and thresholds, outcome levels, templates, deadlines, manifest. Administrators only.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/form", async Task<Ok<PackFormView>> (string id, string? version, PackQueries packs, CancellationToken ct) =>
                TypedResults.Ok(await packs.FormAsync(id, version, ct)))
            .WithName("GetPackForm").WithSummary("The form of the active version (or ?version=): schema with x-ui hints, criteria, documents, deadlines.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/evaluate", Evaluate)
            .WithName("EvaluatePack").WithSummary("Evaluate form data against the active version (or ?version=) without storing anything.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new RequestSizeLimitAttribute(4L * 1024 * 1024));
    }

    private static async Task<Results<Created<PackUploaded>, Ok<PackAlreadyStored>, ProblemHttpResult>> Upload(
        IFormFile? file, PackAdministration admin, CancellationToken ct)
    {
        switch (await admin.UploadAsync(file, ct))
        {
            case UploadOutcome.Created created:
                var location = $"/api/packs/{Uri.EscapeDataString(created.PackId)}/versions/{Uri.EscapeDataString(created.Version)}";
                return TypedResults.Created(location, new PackUploaded(created.PackId, created.Version, created.Activated));
            case UploadOutcome.AlreadyStored stored:
                return TypedResults.Ok(new PackAlreadyStored(stored.PackId, stored.Version));
            case UploadOutcome.Conflict conflict:
                return Problems.Conflict(conflict.Message);
            case UploadOutcome.Refused refused:
                var errors = refused.Errors.Select(e => new PackErrorView(e.Path, e.Code, e.Message)).ToList();
                return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Gói tiêu chí bị từ chối",
                    $"Gói tiêu chí không được chấp nhận ({errors.Count} lỗi); không có gì thay đổi.",
                    new Dictionary<string, object?> { ["errors"] = errors });
            default:
                throw new InvalidOperationException("Unknown upload outcome.");
        }
    }

    private static async Task<Results<Ok<PackDiffResult>, ProblemHttpResult>> Diff(
        string id, string? from, string? to, PackComparison comparison, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            return Problems.BadRequest("Cần chỉ rõ hai phiên bản cần so sánh: ?from=…&to=… (ví dụ ?from=1.0.0&to=1.1.0).");
        return TypedResults.Ok(await comparison.CompareAsync(id, from, to, ct));
    }

    private static async Task<Results<Ok<PackImpactView>, Accepted<ImpactRunView>>> PreviewImpact(
        string id, string version, PackImpact impact, CancellationToken ct) =>
        await impact.PreviewAsync(id, version, ct) switch
        {
            { Result: { } result } => TypedResults.Ok(result),
            { Run: { } run } => TypedResults.Accepted(run.Location, run),
            _ => throw new InvalidOperationException("An impact preview is either a result or a run."),
        };

    private static async Task<Results<Ok<EvaluationResult>, ProblemHttpResult>> Evaluate(
        string id, string? version, EvaluateRequest request, PackEvaluation evaluation, CancellationToken ct) =>
        (await evaluation.EvaluateAsync(id, version, request, ct)).ToHttp();
}
