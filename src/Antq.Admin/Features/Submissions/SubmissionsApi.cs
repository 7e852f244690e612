using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Submissions;

/// <summary>Submissions: drafts, submitting, moving (the reviewers' decisions are ReviewApi's). Every handler only binds and maps: the services authorise against the record.</summary>
public static class SubmissionsApi
{
    public static void MapSubmissionRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/submissions").WithTags("Submissions").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/{id:guid}", async Task<Results<Created<SubmissionView>, Ok<SubmissionView>, Ok<DraftSaved>, ProblemHttpResult>> (
                Guid id, SaveSubmissionRequest request, SubmissionDrafts drafts, CancellationToken ct) =>
            {
                var result = await drafts.PutAsync(id, request, ct);
                if (result.Failure is { } failure) return failure.ToProblem();
                var outcome = result.Value!;
                if (outcome.Saved is { } saved) return TypedResults.Ok(saved);
                return outcome.Created ? TypedResults.Created($"/api/submissions/{id}", outcome.View!) : TypedResults.Ok(outcome.View!);
            })
            .WithName("PutSubmission")
            .WithSummary("Create a submission with a client id (201 with the record; a retry: 200 with the same record), or save its draft against `version` "
                + "(200 with the new revision and the verdict in brief: outcome, counts, field errors; GET the record for its data and full evaluation).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}", async Task<Ok<SubmissionView>> (Guid id, SubmissionQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.GetAsync(id, ct)))
            .WithName("GetSubmission").WithSummary("One submission with its data, evaluation, review chain and latest return reasons.");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<SubmissionSummary>>, ProblemHttpResult>> (
                [FromQuery] int? unitId, [FromQuery] string? packId, [FromQuery] int? year, [FromQuery] string? status, [FromQuery] bool? pending,
                [FromQuery] bool? overdue, [FromQuery] int? skip, [FromQuery] int? take, SubmissionQueries queries, HttpContext http, CancellationToken ct) =>
            {
                var filter = new SubmissionFilter(unitId, packId, year, status, pending ?? false,
                    Math.Max(0, skip ?? 0), Math.Clamp(take ?? DefaultTake, 1, MaxTake), overdue ?? false);
                var page = await queries.PageAsync(filter, ct);
                if (page.Failure is { } failure) return failure.ToProblem();
                // The body stays a plain array; the total tells a client whether to ask for the next page.
                http.Response.Headers["X-Total-Count"] = page.Value!.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Ok(page.Value.Items);
            })
            .WithName("ListSubmissions")
            .WithSummary("Submissions in the caller's scope; `pending=true`: those waiting on the caller's unit; `overdue=true`: those whose unit is past a deadline of its pack and year.")
            .WithDescription($"Paged: `skip` (default 0) and `take` (default {DefaultTake}, at most {MaxTake}); the header `X-Total-Count` holds how many match.");

        group.MapGet("/{id:guid}/audit", async Task<Ok<IReadOnlyList<AuditView>>> (Guid id, SubmissionQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.AuditAsync(id, ct)))
            .WithName("GetSubmissionAudit").WithSummary("The submission's audit trail, oldest first.");

        group.MapPost("/{id:guid}/submit", async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> (Guid id, SubmissionSubmit submit, CancellationToken ct) =>
                (await submit.SubmitAsync(id, ct)).ToHttp())
            .WithName("SubmitSubmission").WithSummary("The unit submits its (valid) form to the first unit of its review chain.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id:guid}/move", async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> (Guid id, MoveRequest request, SubmissionMove move, CancellationToken ct) =>
                (await move.MoveAsync(id, request, ct)).ToHttp())
            .WithName("MoveSubmission").WithSummary("The unit re-pins its draft to the pack's active version and re-evaluates it (any other stored version: 422).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}/move", async Task<Results<Ok<VersionMoveView>, ProblemHttpResult>> (Guid id, SubmissionMove move, CancellationToken ct) =>
                (await move.PreviewAsync(id, ct)).ToHttp())
            .WithName("PreviewSubmissionMove").WithSummary("What moving the unit's draft to the pack's active version would change for it: fields added, removed or re-typed, and the criteria whose verdict changes on its data (409 when it is already there). Nothing is written.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private const int DefaultTake = 200;
    private const int MaxTake = 1000;
}
