using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Features.Units;

public sealed record UnitPeriodView(DateOnly ValidFrom, DateOnly? ValidTo, string Code, string Name, string KindId, string LevelId, int? ParentId,
    string? CommitteeName, string? AuthorityName, string? PlaceName, string? Basis)
{
    public static UnitPeriodView Of(UnitPeriod p) => new(p.ValidFrom, p.ValidTo, p.Code, p.Name, p.KindId, p.LevelId, p.ParentId, p.CommitteeName, p.AuthorityName, p.PlaceName, p.Basis);
}

public sealed record UnitAuthorityView(int UnitId, int? ManagingUnitId, string? ManagedAt, bool DelegatesRecognition);

/// <summary>A unit's history (periods) and its managing authority over HTTP (<see cref="UnitHistoryCommands"/>); reads in scope, writes for administrators.</summary>
public static class UnitHistoryApi
{
    public static void MapUnitHistoryRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units/{id:int}").WithTags("Units").RequireAuthorization();

        group.MapGet("/history", async Task<Ok<List<UnitPeriodView>>> (int id, UnitHistoryCommands history, CancellationToken ct) =>
                TypedResults.Ok(await history.HistoryAsync(id, ct)))
            .WithName("GetUnitHistory").WithSummary("The unit's periods (code, name, kind, parent, committee/authority/place names), oldest first.");

        group.MapPost("/periods", async Task<Results<Ok<List<UnitPeriodView>>, ProblemHttpResult>> (int id, UnitPeriodView body, UnitHistoryCommands history, CancellationToken ct) =>
                (await history.AddPeriodAsync(id, body, ct)).ToHttp())
            .WithName("AddUnitPeriod").WithSummary("Record a merger, split, rename or kind change from a date: the open period closes, a new one opens (administrators).");

        group.MapPut("/authority", async Task<Results<Ok<UnitAuthorityView>, ProblemHttpResult>> (int id, UnitAuthorityView body, UnitHistoryCommands history, CancellationToken ct) =>
                (await history.SetAuthorityAsync(id, body, ct)).ToHttp())
            .WithName("SetUnitAuthority").WithSummary("The managing unit/level of an agency, enterprise or school; for the province, whether it delegates recognition (administrators).");
    }
}
