using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.Documents;
using Antq.FormEngine.Documents;
using Antq.Documents.Pdf;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Documents;

/// <summary>A submission's issued documents and its review meeting. Handlers bind and map; the services authorise against the submission.</summary>
public static class DocumentsApi
{
    /// <summary>Rendered documents come from templates staff may edit: served HTML can run nothing and load nothing.</summary>
    public const string HtmlPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox";

    public static void MapDocumentRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/submissions/{id:guid}").WithTags("Documents").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/documents", async Task<Ok<SubmissionDocumentsView>> (Guid id, DocumentQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(id, ct)))
            .WithName("ListSubmissionDocuments").WithSummary("Every issued version of the submission's documents (newest first, `current` marks the issued one) and its meetings.");

        group.MapGet("/documents/{documentId}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                Guid id, string documentId, [FromQuery] int? version, [FromQuery] string? format, DocumentQueries queries, ChromiumPdf printer, HttpContext http, CancellationToken ct) =>
            {
                if (DocumentFileFormats.Parse(format ?? "html") is not { } kind)
                    return Problems.BadRequest("Định dạng (format) phải là html, docx hoặc pdf.");
                return await SendAsync(await queries.GetAsync(id, documentId, version, ct), kind, printer, http, ct);
            })
            .WithName("GetSubmissionDocument")
            .WithSummary("One issued version as `format=html|docx|pdf` (default html; `version` defaults to the current one). PDF is printed by a warm, locked-down headless Chromium (nothing outside the document loads): 503 where it is not installed.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/documents/{documentId}/reissue", async Task<Results<Created<IssuedDocumentView>, ProblemHttpResult>> (
                Guid id, string documentId, ReissueRequest? request, DocumentCommands commands, CancellationToken ct) =>
            {
                var result = await commands.ReissueAsync(id, documentId, request ?? new ReissueRequest(null), ct);
                if (result.Failure is { } failure) return failure.ToProblem();
                return TypedResults.Created(result.Value!.Links["html"], result.Value);
            })
            .WithName("ReissueSubmissionDocument")
            .WithSummary("Issue a new version (new number and verification code, current template); older versions stay, superseded. The issuing level's staff only, with a reason (`note`), at most 10 versions, not after the final decision.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/meeting", async Task<Results<Ok<SubmissionDocumentsView>, ProblemHttpResult>> (
                Guid id, RecordMeetingRequest request, Meetings meetings, CancellationToken ct) =>
            {
                var result = await meetings.RecordAsync(id, request, ct);
                return result.ToHttp();
            })
            .WithName("RecordReviewMeeting")
            .WithSummary("The assessment meeting (times in Vietnam time): the unit's own while its dossier is editable when the pack requires the minutes at submission, else (the old procedure) the reviewing level's; the minutes are issued from it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/appraisal", async Task<Results<Ok<SubmissionDocumentsView>, ProblemHttpResult>> (
                Guid id, RecordAppraisalRequest request, Appraisals appraisals, CancellationToken ct) =>
                (await appraisals.RecordAsync(id, request, ct)).ToHttp())
            .WithName("RecordAppraisal")
            .WithSummary("The reviewing level the dossier waits at records its appraisal (thẩm định): appraiser, an opinion on every criterion, the conclusion; the appraisal report is issued from it when the pack declares one.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The stored bytes of an issued version as <paramref name="kind"/> (PDF printed from the stored HTML), for every document route.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SendAsync(Data.Entities.IssuedDocument document, DocumentFileFormat kind,
        ChromiumPdf printer, HttpContext http, CancellationToken ct)
    {
        var name = DocumentQueries.FileName(document, kind);
        switch (kind)
        {
            case DocumentFileFormat.Html:
                http.Response.Headers.ContentSecurityPolicy = HtmlPolicy;
                return TypedResults.File(document.Html, kind.ContentType());
            case DocumentFileFormat.Docx:
                return TypedResults.File(document.Docx, kind.ContentType(), name);
            default:
                var pdf = await printer.ConvertAsync(System.Text.Encoding.UTF8.GetString(document.Html), ct);
                if (pdf.Ok) return TypedResults.File(pdf.Content, kind.ContentType(), name);
                var error = pdf.Errors[0];
                return error.Code == "pdf.unavailable"
                    ? Problems.Of(StatusCodes.Status503ServiceUnavailable, "Chưa xuất được PDF", error.Message, new Dictionary<string, object?> { ["code"] = error.Code })
                    : Problems.Of(StatusCodes.Status500InternalServerError, "Chưa xuất được PDF",
                        $"{error.Message} Văn bản vẫn tải được ở dạng html hoặc docx.", new Dictionary<string, object?> { ["code"] = error.Code });
        }
    }
}
