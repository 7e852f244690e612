using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Dashboard;

/// <summary>The dashboard's data over HTTP (the page reads the same service); the service scopes it to the caller.</summary>
public static class DashboardApi
{
    public static void MapDashboardRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapGet("/", async Task<Results<Ok<DashboardView>, ProblemHttpResult>> (
                    [FromQuery] int? year, [FromQuery] int? unitId, DashboardQueries dashboard, CancellationToken ct) =>
                (await dashboard.GetAsync(year, unitId, ct)).ToHttp())
            .WithName("GetDashboard")
            .WithSummary("Units × status per active pack for a unit of the caller's scope (its own by default), one row per unit one level down; unmet deadlines, most often unmet criteria, next steps.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
