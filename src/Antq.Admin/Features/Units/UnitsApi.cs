using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Units;

/// <summary>The unit hierarchy, its levels and kinds; reads within the caller's scope, writes for administrators.</summary>
public static class UnitsApi
{
    public static void MapUnitRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units").WithTags("Units").RequireAuthorization();

        group.MapGet("/", async Task<Ok<Page<UnitView>>> ([AsParameters] UnitFilter filter, UnitQueries units, CancellationToken ct) =>
                TypedResults.Ok(await units.ListAsync(filter, ct)))
            .WithName("ListUnits").WithSummary($"Units of the caller's subtree, filtered by parentId, level, kind and q (name or code), skip/take (at most {UnitFilter.MaxTake}).");

        group.MapGet("/{id:int}", async Task<Ok<UnitDetailView>> (int id, UnitQueries units, CancellationToken ct) =>
                TypedResults.Ok(await units.GetAsync(id, ct)))
            .WithName("GetUnit").WithSummary("One unit with its ancestors and how many units lie below it (404 outside the caller's scope).");

        group.MapGet("/{id:int}/children", async Task<Ok<List<UnitNodeView>>> (int id, bool? includeDissolved, UnitQueries units, CancellationToken ct) =>
                TypedResults.Ok(await units.ChildrenAsync(id, ct, includeDissolved ?? false)))
            .WithName("ListUnitChildren").WithSummary("The units directly under a unit as the tree shows them: those that exist today, or with ?includeDissolved=true also the dissolved ones (dissolvedFrom).");

        group.MapGet("/levels", async Task<Ok<List<UnitLevelView>>> (UnitQueries units, CancellationToken ct) =>
                TypedResults.Ok(await units.LevelsAsync(ct)))
            .WithName("ListUnitLevels").WithSummary("Levels of the hierarchy, root first (data, not code).");

        group.MapGet("/kinds", async Task<Ok<List<UnitKindView>>> (UnitQueries units, CancellationToken ct) =>
                TypedResults.Ok(await units.KindsAsync(ct)))
            .WithName("ListUnitKinds").WithSummary("Kinds of unit that packs name (xa, phuong, co-quan…).");

        group.MapPost("/", async Task<Results<Created<UnitView>, ProblemHttpResult>> (CreateUnitRequest request, UnitCommands commands, CancellationToken ct) =>
                (await commands.CreateAsync(request, ct)).ToHttp(unit => TypedResults.Created($"/api/units/{unit.Id}", unit)))
            .WithName("CreateUnit").WithSummary("Create a unit under a parent in the caller's scope (administrators).");

        group.MapPut("/{id:int}", async Task<Results<Ok<UnitView>, ProblemHttpResult>> (int id, UpdateUnitRequest request, UnitCommands commands, CancellationToken ct) =>
                (await commands.UpdateAsync(id, request, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateUnit").WithSummary("Rename, change kind/level/code, activate, or move (the subtree follows) a unit (administrators).");

        group.MapPost("/import", async Task<Results<Ok<UnitImportSummary>, ProblemHttpResult>> (IFormFile? file, [FromQuery] bool? dryRun, UnitImporter importer, CancellationToken ct) =>
                ImportReply(await importer.ImportAsync(file, dryRun ?? false, ct)))
            .WithName("ImportUnits").WithSummary("Create or update units from CSV or XLSX (code,name,kind,level,parentCode), all or nothing; ?dryRun=true only checks (administrators).")
            // Bearer API: a cross-site form post cannot carry the token, and the UI cookie is SameSite=Lax.
            .DisableAntiforgery()
            // The form reader stops at the limit instead of buffering up to its 128 MB default.
            .WithFormOptions(multipartBodyLengthLimit: UnitImporter.MaxBytes);

        group.MapPost("/levels", async Task<Results<Created<UnitLevelView>, ProblemHttpResult>> (CreateLevelRequest request, UnitCommands commands, CancellationToken ct) =>
                (await commands.CreateLevelAsync(request, ct)).ToHttp(level => TypedResults.Created($"/api/units/levels", level)))
            .WithName("CreateUnitLevel").WithSummary("Add a level of the hierarchy (administrators).");

        group.MapPost("/kinds", async Task<Results<Created<UnitKindView>, ProblemHttpResult>> (CreateKindRequest request, UnitCommands commands, CancellationToken ct) =>
                (await commands.CreateKindAsync(request, ct)).ToHttp(kind => TypedResults.Created($"/api/units/kinds", kind)))
            .WithName("CreateUnitKind").WithSummary("Add a kind of unit (administrators).");
    }

    private static Results<Ok<UnitImportSummary>, ProblemHttpResult> ImportReply(UnitImportOutcome outcome)
    {
        if (outcome.Summary is { } summary) return TypedResults.Ok(summary);
        if (outcome.Conflict is { } conflict) return Problems.Conflict(conflict);
        // Every error is listed (row, column, message): the file is fixed once, not row by row.
        return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Tệp nhập không hợp lệ",
            $"Tệp có {outcome.Errors.Count} lỗi; không có đơn vị nào được ghi.",
            new Dictionary<string, object?> { ["errors"] = outcome.Errors });
    }
}
