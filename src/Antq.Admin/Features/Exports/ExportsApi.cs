using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Exports;

/// <summary>
/// <c>/api/exports/…</c>: every list a user sees, as XLSX (default) or CSV (<c>format=csv</c>), with the list's
/// filters and only what the caller's scope allows. The file is written to a temporary file first (bounded memory,
/// no synchronous writes on the response) and sent with its length.
/// </summary>
public static class ExportsApi
{
    public static void MapExportRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/exports").WithTags("Exports").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/dossiers", async Task<IResult> (
                [FromQuery] string? format, [FromQuery] int? sheet, [FromQuery] int? unitId, [FromQuery] string? packId, [FromQuery] int? year,
                [FromQuery] string? status, [FromQuery] bool? pending, [FromQuery] int? waitingAt, DossierExport export, CancellationToken ct) =>
                await SendAsync(format, sheet, c => export.BuildAsync(new DossierExportFilter(unitId, packId, year, status, pending ?? false, waitingAt), c), ct))
            .WithName("ExportDossiers")
            .WithSummary("Dossiers in the caller's scope with the list's filters: sheet 1 one row per dossier with every criterion's verdict and points "
                + "(union over pack versions), sheet 2 the explanations, sheet 3 the field values.")
            .WithDescription("`format=xlsx` (default) or `csv` (UTF-8 with BOM; `sheet=0|1|2` picks the sheet). Filters as `GET /api/submissions`, plus `waitingAt` (unit id).")
            .Produces(StatusCodes.Status200OK, contentType: ExportTable.ContentType(ExportFormat.Xlsx));

        ListExportsApi.Map(group);
    }

    /// <summary>Builds the export, writes it to a temporary file and returns it as a download.</summary>
    public static async Task<IResult> SendAsync(string? format, int? sheet, Func<CancellationToken, Task<ExportFile>> build, CancellationToken ct)
    {
        if (!ExportTable.TryParseFormat(format, out var kind))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"Định dạng «{format}» không có. Chọn xlsx hoặc csv.");
        ExportFile file;
        try { file = await build(ct); }
        catch (ExportRefused refused) { return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: refused.Message); }
        var at = Math.Clamp(sheet ?? 0, 0, file.Sheets.Count - 1);
        var path = Path.Combine(Path.GetTempPath(), $"antq-export-{Guid.NewGuid():N}");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await ExportTable.WriteAsync(stream, file, kind, at, ct);
            stream.Position = 0;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
        return TypedResults.File(stream, ExportTable.ContentType(kind), ExportTable.FileName(file, kind, at));
    }
}
