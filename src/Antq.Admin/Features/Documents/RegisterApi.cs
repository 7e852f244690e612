using Antq.Admin.Features.Exports;
using Antq.Admin.Features.Review;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Documents;

/// <summary>An organisation's numbering setting, its documents and outgoing register, and the clerk's number entry.</summary>
public static class RegisterApi
{
    public static void MapRegisterRoutes(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/units/{unitId:int}").WithTags("Documents").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

        units.MapGet("/numbering", async Task<Ok<NumberingView>> (int unitId, NumberingSettings settings, CancellationToken ct) =>
                TypedResults.Ok(await settings.GetAsync(unitId, ct)))
            .WithName("GetNumbering").WithSummary("How the organisation numbers its documents: `yearly` (default), `per-kind` or `clerk`.");

        units.MapPut("/numbering", async Task<Results<Ok<NumberingView>, ProblemHttpResult>> (int unitId, NumberingRequest request, NumberingSettings settings, CancellationToken ct) =>
                (await settings.SetAsync(unitId, request, ct)).ToHttp())
            .WithName("SetNumbering").WithSummary("Changes the numbering (the unit's own staff or an administrator above it); documents issued afterwards follow it.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        units.MapGet("/documents", async Task<Ok<IReadOnlyList<RegisterEntry>>> (int unitId, [FromQuery] int? year, OutgoingRegister register, CancellationToken ct) =>
                TypedResults.Ok(await register.ListAsync(unitId, year, ct)))
            .WithName("ListOrganisationDocuments").WithSummary("Every document the organisation issued in the year (default: this year), those awaiting the clerk's number included.");

        app.MapPost("/api/documents/{id:long}/number", async Task<Results<Ok<OutcomeDocumentView>, ProblemHttpResult>> (
                long id, ClerkNumberRequest request, ClerkNumbers clerk, CancellationToken ct) => (await clerk.EnterAsync(id, request, ct)).ToHttp())
            .RequireAuthorization().WithTags("Documents").WithName("EnterDocumentNumber")
            .WithSummary("The issuing organisation's clerk enters the number and date of a document awaiting its number; a new version carries them (unique in the organisation's year).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGet("/api/exports/outgoing-register", async Task<IResult> (
                [FromQuery] int unitId, [FromQuery] int? year, [FromQuery] string? format, OutgoingRegister register, CancellationToken ct) =>
                await ExportsApi.SendAsync(format, null, c => register.ExportAsync(unitId, year, c), ct))
            .RequireAuthorization().WithTags("Exports").WithName("ExportOutgoingRegister")
            .WithSummary("Sổ đăng ký văn bản đi of an organisation and year: `format=xlsx` (default) or `csv`; its staff and the levels above.")
            .Produces(StatusCodes.Status200OK, contentType: ExportTable.ContentType(ExportFormat.Xlsx));
    }
}
