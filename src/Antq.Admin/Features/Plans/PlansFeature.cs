using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Features.Plans;

/// <summary>The province's plan of the year: read by any signed-in account, written by the province administrator.</summary>
public static class PlansFeature
{
    public static void AddPlansFeature(this IServiceCollection services) => services.AddScoped<YearPlans>().AddScoped<PlanQuotas>().AddScoped<PlanEditing>();

    public sealed record PlanDeadlineDto(string? PackId, string Stage, int DueMonth, int DueDay, bool Provisional, string? Note);
    public sealed record PlanQuotaDto(string AppliesToLevel, string UnitKinds, int Minimum, string Text);
    public sealed record PlanDto(int Year, string Number, DateOnly IssuedOn, string Title, string IssuedBy, string? SteeringCommitteeName, string PackIds,
        IReadOnlyList<PlanDeadlineDto> Deadlines, IReadOnlyList<PlanQuotaDto> Quotas, string Citation, bool RequiresRegistration = false);

    public static PlanDto ToDto(YearPlan p) => new(p.Year, p.Number, p.IssuedOn, p.Title, p.IssuedBy, p.SteeringCommitteeName, p.PackIds,
        p.Deadlines.Select(d => new PlanDeadlineDto(d.PackId, d.Stage, d.DueMonth, d.DueDay, d.Provisional, d.Note)).ToList(),
        p.Quotas.Select(q => new PlanQuotaDto(q.AppliesToLevel, q.UnitKinds, q.Minimum, q.Text)).ToList(), p.Citation(), p.RequiresRegistration);

    public static IEndpointRouteBuilder MapPlansFeature(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans").RequireAuthorization();
        group.MapGet("/{year:int}", async Task<Results<Ok<PlanDto>, NotFound>> (int year, YearPlans plans, CancellationToken ct) =>
                await plans.GetAsync(year, ct) is { } plan ? TypedResults.Ok(ToDto(plan)) : TypedResults.NotFound())
            .WithName("GetYearPlan").WithSummary("The province's plan of the year (number, date, packs, deadline overrides, quotas).");
        group.MapGet("/{year:int}/quotas", async Task<Ok<List<QuotaStatus>>> (int year, PlanQuotas quotas, CancellationToken ct) =>
                TypedResults.Ok(await quotas.ForYearAsync(year, null, ct)))
            .WithName("GetYearPlanQuotas").WithSummary("Each quota of the year's plan and the units of its level that are short.");
        group.MapPut("/{year:int}", async Task<Results<Ok<PlanDto>, ProblemHttpResult>> (int year, PlanDto body, PlanEditing editing, CancellationToken ct) =>
                (await editing.SaveAsync(year, body, ct)).ToHttp())
            .WithName("SaveYearPlan").WithSummary("Create or replace the province's plan of the year (province administrators).");
        return app;
    }
}
