using Antq.Admin.Data;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Health;

/// <summary>Routes of the health probe (no services of its own).</summary>
public static class HealthFeature
{
    public static IEndpointRouteBuilder MapHealthFeature(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> (AntqDbContext db, ShutdownDrain drain, WarmupState warmup, CancellationToken ct) =>
            {
                var database = await db.Database.CanConnectAsync(ct);
                // A stopping instance still serves but asks the load balancer for no new traffic (ShutdownDrain); a
                // starting one asks for none until its hot paths are compiled (StartupWarmup).
                var status = drain.Draining ? "draining" : !database ? "degraded" : warmup.Warming ? "warming" : "ok";
                var view = new HealthView(status, database);
                return status == "ok" ? TypedResults.Ok(view) : TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithTags("Health").WithName("Health").AllowAnonymous();
        return app;
    }
}

public sealed record HealthView(string Status, bool Database);
