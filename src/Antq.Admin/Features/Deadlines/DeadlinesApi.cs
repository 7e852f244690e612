using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Deadlines;

/// <summary>The deadlines calendar. Handlers only bind: the services scope everything to the caller.</summary>
public static class DeadlinesApi
{
    public static void MapDeadlineRoutes(this IEndpointRouteBuilder app)
    {
        var deadlines = app.MapGroup("/api/deadlines").WithTags("Deadlines").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        deadlines.MapGet("/", async Task<Results<Ok<DeadlineCalendarView>, ProblemHttpResult>> (
                [FromQuery] int? year, [FromQuery] int? unitId, [FromQuery] string? status, DeadlineQueries queries, CancellationToken ct) =>
                (await queries.GetAsync(year, unitId, status, ct)).ToHttp())
            .WithName("GetDeadlines")
            .WithSummary("The active packs' deadlines of a year (Vietnam time) in the caller's scope, each with its units' status: done, pending or overdue.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
