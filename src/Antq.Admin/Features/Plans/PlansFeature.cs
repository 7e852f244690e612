using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Features.Plans;

/// <summary>The province's plan of the year: read by any signed-in account, written by the province administrator.</summary>
public static class PlansFeature
{
    public static void AddPlansFeature(this IServiceCollection services) => services.AddScoped<YearPlans>().AddScoped<PlanQuotas>();

    public sealed record PlanDeadlineDto(string? PackId, string Stage, int DueMonth, int DueDay, bool Provisional, string? Note);
    public sealed record PlanQuotaDto(string AppliesToLevel, string UnitKinds, int Minimum, string Text);
    public sealed record PlanDto(int Year, string Number, DateOnly IssuedOn, string Title, string IssuedBy, string? SteeringCommitteeName, string PackIds,
        IReadOnlyList<PlanDeadlineDto> Deadlines, IReadOnlyList<PlanQuotaDto> Quotas, string Citation);

    public static PlanDto ToDto(YearPlan p) => new(p.Year, p.Number, p.IssuedOn, p.Title, p.IssuedBy, p.SteeringCommitteeName, p.PackIds,
        p.Deadlines.Select(d => new PlanDeadlineDto(d.PackId, d.Stage, d.DueMonth, d.DueDay, d.Provisional, d.Note)).ToList(),
        p.Quotas.Select(q => new PlanQuotaDto(q.AppliesToLevel, q.UnitKinds, q.Minimum, q.Text)).ToList(), p.Citation());

    public static IEndpointRouteBuilder MapPlansFeature(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans").RequireAuthorization();
        group.MapGet("/{year:int}", async Task<Results<Ok<PlanDto>, NotFound>> (int year, YearPlans plans, CancellationToken ct) =>
                await plans.GetAsync(year, ct) is { } plan ? TypedResults.Ok(ToDto(plan)) : TypedResults.NotFound())
            .WithName("GetYearPlan").WithSummary("The province's plan of the year (number, date, packs, deadline overrides, quotas).");
        group.MapGet("/{year:int}/quotas", async Task<Ok<List<QuotaStatus>>> (int year, PlanQuotas quotas, CancellationToken ct) =>
                TypedResults.Ok(await quotas.ForYearAsync(year, null, ct)))
            .WithName("GetYearPlanQuotas").WithSummary("Each quota of the year's plan and the units of its level that are short.");
        group.MapPut("/{year:int}", async Task<Results<Ok<PlanDto>, ProblemHttpResult>> (int year, PlanDto body, YearPlans plans, CurrentAccount current, CancellationToken ct) =>
            {
                var account = await current.RequireAsync(ct);
                if (!account.IsProvinceAdmin) throw new AccessDeniedException("Chỉ quản trị viên cấp tỉnh mới được sửa kế hoạch năm.");
                if (string.IsNullOrWhiteSpace(body.Number) || string.IsNullOrWhiteSpace(body.IssuedBy))
                    return Problems.BadRequest("Cần có số kế hoạch (ví dụ 91/KH-UBND) và cơ quan ban hành.");
                foreach (var d in body.Deadlines)
                    if (d.DueMonth is < 1 or > 12 || d.DueDay < 1 || d.DueDay > DateTime.DaysInMonth(2024, d.DueMonth))
                        return Problems.BadRequest($"Hạn {d.DueDay}/{d.DueMonth} của bước {d.Stage} không phải ngày có thật.");
                var plan = new YearPlan
                {
                    Year = year, Number = body.Number.Trim(), IssuedOn = body.IssuedOn, Title = body.Title?.Trim() ?? "", IssuedBy = body.IssuedBy.Trim(),
                    SteeringCommitteeName = body.SteeringCommitteeName, PackIds = body.PackIds ?? "",
                    Deadlines = body.Deadlines.Select(d => new YearPlanDeadline { PackId = d.PackId, Stage = d.Stage, DueMonth = d.DueMonth, DueDay = d.DueDay, Provisional = d.Provisional, Note = d.Note }).ToList(),
                    Quotas = body.Quotas.Select(q => new YearPlanQuota { AppliesToLevel = q.AppliesToLevel, UnitKinds = q.UnitKinds, Minimum = q.Minimum, Text = q.Text }).ToList(),
                };
                return TypedResults.Ok(ToDto(await plans.SaveAsync(plan, ct)));
            })
            .WithName("SaveYearPlan").WithSummary("Create or replace the province's plan of the year (province administrators).");
        return app;
    }
}
