using Antq.FormEngine.Deadlines;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Units;

public sealed record UnitPeriodView(DateOnly ValidFrom, DateOnly? ValidTo, string Code, string Name, string KindId, string LevelId, int? ParentId,
    string? CommitteeName, string? AuthorityName, string? PlaceName, string? Basis)
{
    public static UnitPeriodView Of(UnitPeriod p) => new(p.ValidFrom, p.ValidTo, p.Code, p.Name, p.KindId, p.LevelId, p.ParentId, p.CommitteeName, p.AuthorityName, p.PlaceName, p.Basis);
}

public sealed record UnitAuthorityView(int UnitId, int? ManagingUnitId, string? ManagedAt, bool DelegatesRecognition);

/// <summary>A unit's history (periods) and its managing authority; reads in scope, writes for administrators.</summary>
public static class UnitHistoryApi
{
    public static void MapUnitHistoryRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units/{id:int}").WithTags("Units").RequireAuthorization();

        group.MapGet("/history", async Task<Ok<List<UnitPeriodView>>> (int id, UnitDirectory directory, UnitPeriods periods, CurrentAccount current, CancellationToken ct) =>
            {
                await directory.GetVisibleAsync(await current.RequireAsync(ct), id, ct);
                return TypedResults.Ok((await periods.HistoryAsync(id, ct)).Select(UnitPeriodView.Of).ToList());
            })
            .WithName("GetUnitHistory").WithSummary("The unit's periods (code, name, kind, parent, committee/authority/place names), oldest first.");

        group.MapPost("/periods", async Task<Results<Ok<List<UnitPeriodView>>, ProblemHttpResult>> (int id, UnitPeriodView body, UnitDirectory directory,
                UnitPeriods periods, CurrentAccount current, TimeProvider time, CancellationToken ct) =>
            {
                var account = await current.RequireAsync(ct);
                await directory.GetVisibleAsync(account, id, ct);
                if (!account.IsAdmin) throw new AccessDeniedException("Chỉ quản trị viên mới được ghi thay đổi của đơn vị.");
                var period = new UnitPeriod
                {
                    ValidFrom = body.ValidFrom, ValidTo = body.ValidTo, Code = body.Code.Trim(), Name = body.Name.Trim(), KindId = body.KindId, LevelId = body.LevelId,
                    ParentId = body.ParentId, CommitteeName = body.CommitteeName, AuthorityName = body.AuthorityName, PlaceName = body.PlaceName, Basis = body.Basis,
                };
                if (await periods.AddAsync(id, period, VietnamTime.DateOf(time.GetUtcNow()), ct) is { } refused) return Problems.BadRequest(refused);
                return TypedResults.Ok((await periods.HistoryAsync(id, ct)).Select(UnitPeriodView.Of).ToList());
            })
            .WithName("AddUnitPeriod").WithSummary("Record a merger, split, rename or kind change from a date: the open period closes, a new one opens (administrators).");

        group.MapPut("/authority", async Task<Ok<UnitAuthorityView>> (int id, UnitAuthorityView body, UnitDirectory directory, AntqDbContext db, CurrentAccount current, CancellationToken ct) =>
            {
                var account = await current.RequireAsync(ct);
                await directory.GetVisibleAsync(account, id, ct);
                if (!account.IsAdmin) throw new AccessDeniedException("Chỉ quản trị viên mới được sửa cơ quan quản lý của đơn vị.");
                if (body.ManagingUnitId is int m) await directory.GetVisibleAsync(account, m, ct);
                var unit = await db.Units.FirstAsync(u => u.Id == id, ct);
                unit.ManagingUnitId = body.ManagingUnitId;
                unit.ManagedAt = string.IsNullOrWhiteSpace(body.ManagedAt) ? null : body.ManagedAt.Trim();
                unit.DelegatesRecognition = body.DelegatesRecognition && unit.ParentId is null;
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new UnitAuthorityView(unit.Id, unit.ManagingUnitId, unit.ManagedAt, unit.DelegatesRecognition));
            })
            .WithName("SetUnitAuthority").WithSummary("The managing unit/level of an agency, enterprise or school; for the province, whether it delegates recognition (administrators).");
    }
}
