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
                [FromQuery] string? status, [FromQuery] bool? pending, [FromQuery] int? waitingAt, [FromQuery] bool? overdue, DossierExport export, CancellationToken ct) =>
                await SendAsync(format, sheet, c => export.BuildAsync(new DossierExportFilter(unitId, packId, year, status, pending ?? false, waitingAt, overdue ?? false), c), ct))
            .WithName("ExportDossiers")
            .WithSummary("Dossiers in the caller's scope with the list's filters: sheet 1 one row per dossier with every criterion's verdict and points "
                + "(union over pack versions), sheet 2 the explanations, sheet 3 the field values.")
            .WithDescription("`format=xlsx` (default) or `csv` (UTF-8 with BOM; `sheet=0|1|2` picks the sheet). Filters as `GET /api/submissions`, plus `waitingAt` (unit id) and `overdue=true` (only dossiers whose unit is past a deadline of its pack and year, as on the deadlines page).")
            .Produces(StatusCodes.Status200OK, contentType: ExportTable.ContentType(ExportFormat.Xlsx));

        group.MapGet("/dossiers/{id:guid}/print", async Task<IResult> (Guid id, [FromQuery] string? format, PrintableDossier printable,
                Antq.Documents.Pdf.ChromiumPdf printer, HttpContext http, CancellationToken ct) =>
            {
                var kind = (format ?? "pdf").Trim().ToLowerInvariant();
                if (kind is not ("html" or "docx" or "pdf"))
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Định dạng (format) phải là html, docx hoặc pdf.");
                PrintableDossier.Printed printed;
                try { printed = await printable.RenderAsync(id, ct); }
                catch (ExportRefusedException refused) { return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: refused.Message); }
                return await SendPrintedAsync(printed, kind, printer, http, ct);
            })
            .WithName("PrintDossier")
            .WithSummary("The printable dossier: the whole form as filled, each criterion's verdict with its explanation, the review history "
                + "(`format=pdf` default, `docx`, `html`), from templates/ho-so-in.scriban. A print, not an issued document.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/reports/yearly", async Task<IResult> (YearlyReportRequest request, [FromQuery] string? format, YearlyReport report,
                Antq.Documents.Pdf.ChromiumPdf printer, HttpContext http, CancellationToken ct) =>
            {
                var kind = (format ?? "html").Trim().ToLowerInvariant();
                if (kind is not ("html" or "docx" or "pdf"))
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Định dạng (format) phải là html, docx hoặc pdf.");
                PrintableDossier.Printed printed;
                try { printed = await report.RenderAsync(request, ct); }
                catch (ExportRefusedException refused) { return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: refused.Message); }
                return await SendPrintedAsync(printed, kind, printer, http, ct);
            })
            .WithName("YearlyReport")
            .WithSummary("The yearly result report of a level (`unitId`, default the caller's; the province's is the province summary) for `year`: "
                + "units by kind and status, recognised (with decisions), refused, unfinished, criteria most often not met, the quota check "
                + "(default: at least 1 commune-level unit and 1 agency/enterprise/school per reporting unit) and the officer's `assessment` and `proposals`. "
                + "`format=html` (default), `docx` or `pdf`; a draft without registry number (templates/bao-cao-tong-hop-nam.scriban).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        ListExportsApi.Map(group);
    }

    private static async Task<IResult> SendPrintedAsync(PrintableDossier.Printed printed, string kind, Antq.Documents.Pdf.ChromiumPdf printer,
        HttpContext http, CancellationToken ct)
    {
        switch (kind)
        {
            case "html":
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                return TypedResults.Content(printed.Html, "text/html; charset=utf-8");
            case "docx":
                return TypedResults.File(PrintableDossier.Docx(printed),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", printed.FileStem + ".docx");
            default:
                var pdf = await printer.ConvertAsync(printed.Html, ct);
                if (pdf.Ok) return TypedResults.File(pdf.Content!, "application/pdf", printed.FileStem + ".pdf");
                return TypedResults.Problem(statusCode: pdf.Errors[0].Code == "pdf.unavailable" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
                    title: "Chưa xuất được PDF", detail: $"{pdf.Errors[0].Message} Văn bản vẫn tải được ở dạng html hoặc docx.");
        }
    }

    /// <summary>Builds the export, writes it to a temporary file and returns it as a download.</summary>
    public static async Task<IResult> SendAsync(string? format, int? sheet, Func<CancellationToken, Task<ExportFile>> build, CancellationToken ct)
    {
        if (!ExportTable.TryParseFormat(format, out var kind))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"Định dạng «{format}» không có. Chọn xlsx hoặc csv.");
        ExportFile file;
        try { file = await build(ct); }
        catch (ExportRefusedException refused) { return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: refused.Message); }
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
