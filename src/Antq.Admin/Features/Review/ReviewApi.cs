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
            .WithName("RecogniseSubmission").WithSummary("The recognising level records its recognition decision (number and date).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/reject", async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> (Guid id, RejectRequest request, ReviewDecisions review, CancellationToken ct) =>
                (await review.RejectAsync(id, request, ct)).ToHttp())
            .WithName("RejectSubmission").WithSummary("The recognising level decides not to recognise, with a reason.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
