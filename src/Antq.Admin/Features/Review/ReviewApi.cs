using Antq.Admin.Features.Submissions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Features.Review;

/// <summary>The reviewers' decisions on a submission (same group, tag and URLs as the rest of <c>/api/submissions</c>).</summary>
public static class ReviewApi
{
    public static void MapReviewRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/submissions").WithTags("Submissions").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/{id:guid}/endorse", async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> (Guid id, ReviewDecisions review, CancellationToken ct) =>
                (await review.EndorseAsync(id, ct)).ToHttp())
            .WithName("EndorseSubmission").WithSummary("The pending unit's reviewer endorses: on to the next level, or approved at the recognising level.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/return", async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> (Guid id, ReturnRequest request, ReviewDecisions review, CancellationToken ct) =>
                (await review.ReturnAsync(id, request, ct)).ToHttp())
            .WithName("ReturnSubmission").WithSummary("The pending unit's reviewer returns the submission with reasons (overall and per criterion).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/recognise", async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> (Guid id, RecogniseRequest request, ReviewDecisions review, CancellationToken ct) =>
                (await review.RecogniseAsync(id, request, ct)).ToHttp())
            .WithName("RecogniseSubmission").WithSummary("Records a recognition decision made outside the system (typed number and date, e.g. the Minister's); decisions made here are issued with POST /api/recognition/decisions.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/reject", async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> (Guid id, RejectRequest request, ReviewDecisions review, CancellationToken ct) =>
                (await review.RejectAsync(id, request, ct)).ToHttp())
            .WithName("RejectSubmission").WithSummary("The recognising level decides not to recognise, with a reason; the reasoned notice (Thông báo) is issued to the unit.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
    

        var recognition = app.MapGroup("/api/recognition").WithTags("Submissions").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

        recognition.MapGet("/candidates", async Task<Ok<IReadOnlyList<DecisionCandidate>>> (int? year, RecognitionDecisions decisions, CancellationToken ct) =>
                TypedResults.Ok(await decisions.CandidatesAsync(year, ct)))
            .WithName("ListDecisionCandidates").WithSummary("Approved dossiers waiting for the caller's unit to decide on their recognition.");

        recognition.MapPost("/decisions/preview", async Task<Results<ContentHttpResult, ProblemHttpResult>> (DecisionRequest request, RecognitionDecisions decisions, HttpContext http, CancellationToken ct) =>
            {
                var result = await decisions.PreviewAsync(request, ct);
                if (result.Failure is { } failure) return failure.ToProblem();
                http.Response.Headers.ContentSecurityPolicy = Documents.DocumentsApi.HtmlPolicy;
                return TypedResults.Content(result.Value!, "text/html; charset=utf-8");
            })
            .WithName("PreviewRecognitionDecision").WithSummary("The decision as it would be issued (HTML, no number or code yet).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        recognition.MapPost("/decisions", async Task<Results<Ok<DecisionIssuedView>, ProblemHttpResult>> (DecisionRequest request, RecognitionDecisions decisions, CancellationToken ct) =>
                (await decisions.IssueAsync(request, ct)).ToHttp())
            .WithName("IssueRecognitionDecision")
            .WithSummary("The recognising level issues ONE recognition decision for the selected approved dossiers and one certificate per unit; each dossier becomes recognised with the decision's number and date.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
