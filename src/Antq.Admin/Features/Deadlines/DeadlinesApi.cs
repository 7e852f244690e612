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
                [FromQuery] int? year, [FromQuery] int? unitId, [FromQuery] string? status, [FromQuery] string? stage,
                [FromQuery] int? skip, [FromQuery] int? take, DeadlineQueries queries, CancellationToken ct) =>
                (await queries.GetAsync(year, unitId, status,
                    new DeadlineRows(string.IsNullOrWhiteSpace(stage) ? null : stage.Trim(), Math.Max(0, skip ?? 0), Math.Clamp(take ?? DefaultTake, 1, MaxTake)), ct)).ToHttp())
            .WithName("GetDeadlines")
            .WithSummary("The active packs' deadlines of a year (Vietnam time) in the caller's scope, each with its units' counts (done, pending, overdue) and a page of its units.")
            .WithDescription($"Per deadline: `counts` over every unit, `unitsTotal` the units matching `status`, and `units` the page of them from `skip` "
                + $"(default 0), at most `take` (default {DefaultTake}, at most {MaxTake}). `stage` keeps only the deadlines of that stage "
                + "(registered, submitted, reviewed:<level>, recognised, reported). The export `/api/exports/deadlines` lists every row.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private const int DefaultTake = 200;
    private const int MaxTake = 1000;
}
