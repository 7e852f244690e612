using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Studio;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Studio;

public sealed record StartDraftRequest(string PackId, string Version);
public sealed record SaveDraftRequest(int Revision, Dictionary<string, string> Files);
public sealed record DraftSaved(int Revision, DateTimeOffset UpdatedAt);
public sealed record PublishDraftRequest(int Revision);
public sealed record DraftVerdictView(bool Ok, IReadOnlyList<PackErrorView> Errors, IReadOnlyList<DraftTestView> Tests, double ElapsedMs);
public sealed record DraftTestView(string File, string Name, bool Passed, IReadOnlyList<string> Failures);
public sealed record CheckExpressionRequest(string Schema, string Expression, string? Location);
public sealed record ExpressionVerdict(bool Ok, PackErrorView? Error);

/// <summary>The studio API: drafts of packs, their verification, export/import and publication. Province administrators only (checked by the services).</summary>
public static class StudioApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/studio").WithTags("Studio").RequireAuthorization();

        group.MapGet("/drafts", async Task<Ok<IReadOnlyList<DraftSummary>>> (string? packId, StudioDrafts drafts, CancellationToken ct) =>
                TypedResults.Ok(await drafts.ListAsync(packId, ct)))
            .WithName("ListPackDrafts").WithSummary("Drafts of packs (all, or ?packId=).");

        group.MapPost("/drafts", async Task<Created<DraftView>> (StartDraftRequest request, StudioDrafts drafts, CancellationToken ct) =>
            {
                var draft = await drafts.StartFromVersionAsync(request.PackId, request.Version, ct);
                return TypedResults.Created($"/api/studio/drafts/{draft.Id}", draft);
            })
            .WithName("StartPackDraft").WithSummary("Start a draft from a stored version (its version bumped to the next minor).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/drafts/new", async Task<Results<Created<DraftView>, ProblemHttpResult>> (NewPackRequest request, StudioDrafts drafts, CancellationToken ct) =>
                (await drafts.StartNewAsync(request, ct)).ToHttp(draft => TypedResults.Created($"/api/studio/drafts/{draft.Id}", draft)))
            .WithName("StartNewPackDraft").WithSummary("Start a draft of a new pack from its manifest (id, title, version, unit kinds, recognisedBy, recognition rows, year); 422 with the loader's errors at their pointers.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/drafts/{id:int}", async Task<Ok<DraftView>> (int id, StudioDrafts drafts, CancellationToken ct) =>
                TypedResults.Ok(await drafts.GetAsync(id, ct)))
            .WithName("GetPackDraft").WithSummary("A draft with its files and revision.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/drafts/{id:int}", async Task<Results<Ok<DraftSaved>, ProblemHttpResult>> (int id, SaveDraftRequest request, StudioDrafts drafts, CancellationToken ct) =>
                Saved(await drafts.SaveAsync(id, request.Revision, request.Files, ct)))
            .WithName("SavePackDraft").WithSummary("Save a draft's files; 409 when someone saved since the given revision (nothing overwritten).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new RequestSizeLimitAttribute(60L * 1024 * 1024));

        group.MapDelete("/drafts/{id:int}", async Task<NoContent> (int id, StudioDrafts drafts, CancellationToken ct) =>
            {
                await drafts.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeletePackDraft").WithSummary("Delete a draft.");

        group.MapPost("/drafts/{id:int}/verify", async Task<Ok<DraftVerdictView>> (int id, StudioDrafts drafts, CancellationToken ct) =>
            {
                var draft = await drafts.GetAsync(id, ct);
                return TypedResults.Ok(View(await drafts.VerifyAsync(draft.Files, ct)));
            })
            .WithName("VerifyPackDraft").WithSummary("The full verification of an upload on the draft (same errors and pointers as `antq pack validate`), with its tests.");

        group.MapGet("/drafts/{id:int}/export", async Task<FileContentHttpResult> (int id, StudioDrafts drafts, CancellationToken ct) =>
            {
                var (name, zip) = await drafts.ExportAsync(id, ct);
                return TypedResults.File(zip, "application/zip", name);
            })
            .WithName("ExportPackDraft").WithSummary("The draft as a deterministic .zip (export → import → export gives identical bytes).");

        group.MapPost("/drafts/{id:int}/import", async Task<Results<Ok<DraftSaved>, ProblemHttpResult>> (int id, [FromQuery] int revision, IFormFile? file, StudioDrafts drafts, CancellationToken ct) =>
            {
                if (file is null) return Problems.BadRequest("Chưa chọn tệp .zip (trường “file”).");
                await using var stream = file.OpenReadStream();
                return Saved(await drafts.ImportAsync(id, revision, stream, ct));
            })
            .WithName("ImportPackDraft").WithSummary("Replace the draft's files with a .zip (?revision= as for a save).")
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(PackAdministration.MaxArchiveBytes + 64 * 1024));

        group.MapPost("/drafts/{id:int}/publish", Publish)
            .WithName("PublishPackDraft").WithSummary("Publish the draft as the version its manifest names, through the registry's upload (full verification; refused → nothing stored).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/expressions/check", async Task<Ok<ExpressionVerdict>> (CheckExpressionRequest request, StudioExpressions expressions, CancellationToken ct) =>
            {
                var error = await expressions.CheckAsync(request.Schema, request.Expression, request.Location ?? "rules.json", ct);
                return TypedResults.Ok(new ExpressionVerdict(error is null, error is null ? null : new PackErrorView(error.Path, error.Code, error.Message)));
            })
            .WithName("CheckPackExpression").WithSummary("The sandbox's verdict on one expression over a form schema, as the loader gives it.");
    }

    private static Results<Ok<DraftSaved>, ProblemHttpResult> Saved(DraftSaveOutcome outcome) => outcome switch
    {
        DraftSaveOutcome.Saved saved => TypedResults.Ok(new DraftSaved(saved.Revision, saved.UpdatedAt)),
        DraftSaveOutcome.Conflict conflict => Problems.Of(StatusCodes.Status409Conflict, "Xung đột", conflict.Message,
            new Dictionary<string, object?> { ["revision"] = conflict.CurrentRevision, ["updatedBy"] = conflict.UpdatedBy }),
        DraftSaveOutcome.Refused refused => Refused("Bản nháp không được lưu", refused.Errors),
        _ => throw new InvalidOperationException("Unknown save outcome."),
    };

    private static async Task<Results<Created<PackUploaded>, Ok<PackAlreadyStored>, ProblemHttpResult>> Publish(
        int id, PublishDraftRequest request, StudioDrafts drafts, CancellationToken ct)
    {
        var outcome = await drafts.PublishAsync(id, request.Revision, ct);
        if (outcome.Conflict is DraftSaveOutcome.Conflict conflict) return Problems.Conflict(conflict.Message);
        return outcome.Upload switch
        {
            UploadOutcome.Created created => TypedResults.Created(
                $"/api/packs/{Uri.EscapeDataString(created.PackId)}/versions/{Uri.EscapeDataString(created.Version)}",
                new PackUploaded(created.PackId, created.Version, created.Activated)),
            UploadOutcome.AlreadyStored stored => TypedResults.Ok(new PackAlreadyStored(stored.PackId, stored.Version)),
            UploadOutcome.Conflict versionTaken => Problems.Conflict(versionTaken.Message),
            UploadOutcome.Refused refused => Refused("Gói tiêu chí bị từ chối", refused.Errors),
            _ => throw new InvalidOperationException("Unknown upload outcome."),
        };
    }

    private static ProblemHttpResult Refused(string title, IReadOnlyList<PackError> errors) =>
        Problems.Of(StatusCodes.Status422UnprocessableEntity, title,
            $"Không được chấp nhận ({errors.Count} lỗi); không có gì thay đổi.",
            new Dictionary<string, object?> { ["errors"] = errors.Select(e => new PackErrorView(e.Path, e.Code, e.Message)).ToList() });

    public static DraftVerdictView View(DraftVerdict verdict) => new(verdict.Ok,
        verdict.Errors.Select(e => new PackErrorView(e.Path, e.Code, e.Message)).ToList(),
        verdict.Tests.Select(t => new DraftTestView(t.File, t.Name, t.Passed, t.Failures)).ToList(),
        Math.Round(verdict.Elapsed.TotalMilliseconds, 1));
}
