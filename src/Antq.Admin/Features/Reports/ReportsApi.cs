using Antq.Admin.Features.Documents;
using Antq.Admin.Infrastructure;
using Antq.Documents;
using Antq.Documents.Pdf;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Reports;

/// <summary><c>/api/reports</c>: the levels' yearly result reports as issued documents (the draft preview is <c>POST /api/exports/reports/yearly</c>).</summary>
public static class ReportsApi
{
    public static void MapReportRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("", async Task<Ok<YearlyReportsView>> ([FromQuery] int? unitId, [FromQuery] int? year, YearlyReportDocuments reports, CancellationToken ct) =>
                TypedResults.Ok(await reports.ListAsync(unitId, year, ct)))
            .WithName("ListYearlyReports")
            .WithSummary("The yearly reports issued in `year` (default this year) by the level `unitId` (default the caller's) and the levels below it, every version (`current` marks the newest).");

        group.MapPost("", async Task<Results<Created<IssuedReportView>, ProblemHttpResult>> (IssueReportRequest request, YearlyReportDocuments reports, CancellationToken ct) =>
            {
                var result = await reports.IssueAsync(request, ct);
                if (result.Failure is { } failure) return failure.ToProblem();
                return TypedResults.Created(result.Value!.Links["html"], result.Value);
            })
            .WithName("IssueYearlyReport")
            .WithSummary("The caller's level issues its yearly result report for `year` (the province: its summary) with the officer's `assessment` (required) and `proposals`: "
                + "registry number (kind BC) in the level's register, verification code, HTML/DOCX stored immutably. Issuing again makes a new version and needs a reason (`note`).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:long}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                long id, [FromQuery] string? format, YearlyReportDocuments reports, ChromiumPdf printer, HttpContext http, CancellationToken ct) =>
            {
                if (DocumentFileFormats.Parse(format ?? "html") is not { } kind)
                    return Problems.BadRequest("Định dạng (format) phải là html, docx hoặc pdf.");
                return await DocumentsApi.SendAsync(await reports.GetAsync(id, ct), kind, printer, http, ct);
            })
            .WithName("GetYearlyReport")
            .WithSummary("One issued report version as `format=html|docx|pdf` (default html), for whoever can see the reporting level.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
