using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Features.Forms;

/// <summary><c>GET /files/uploads/{guid}/{name}</c>: an evidence file, for those who may read the submission it belongs to.</summary>
public static class EvidenceFilesApi
{
    public static void MapEvidenceFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{**path}", async Task<PhysicalFileHttpResult> (string path, EvidenceStore evidence, HttpContext http, CancellationToken ct) =>
                Send(http, await evidence.OpenAsync(path, ct)))
            .WithName("GetEvidenceFile").WithSummary("An evidence file of a submission the caller may read; 404 otherwise.")
            .WithTags("Files").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Sends a stored file the caller was authorised to read: PDFs and images shown in the browser, anything else (or
    /// when <paramref name="downloadName"/> is given: everything, under that name) as a download.
    /// </summary>
    public static PhysicalFileHttpResult Send(HttpContext http, EvidenceDownload file, string? downloadName = null)
    {
        // Uploaded bytes are never rendered as a page of this site.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // (Chromium's PDF viewer does not run in a sandboxed document, so PDFs go without it.)
        if (file.ContentType != "application/pdf") http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'";
        return file.Inline && downloadName is null
            ? TypedResults.PhysicalFile(file.PhysicalPath, file.ContentType)
            : TypedResults.PhysicalFile(file.PhysicalPath, file.ContentType, fileDownloadName: downloadName ?? file.Name);
    }
}
