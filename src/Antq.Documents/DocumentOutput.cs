using System.Diagnostics.CodeAnalysis;
using System.Text;
using Antq.Documents.Docx;
using Antq.Documents.Pdf;
using Scriban.Runtime;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents;

/// <summary>The file formats a dossier document is produced in.</summary>
public enum DocumentFileFormat
{
    /// <summary>Print-ready HTML (A4 <c>@page</c>), the template's own output.</summary>
    Html,

    /// <summary>An editable Word document built from the same HTML (<see cref="HtmlToDocx"/>).</summary>
    Docx,

    /// <summary>The HTML printed by headless Chromium (<see cref="ChromiumPdf"/>).</summary>
    Pdf,
}

public static class DocumentFileFormats
{
    /// <summary><c>html</c>, <c>docx</c> or <c>pdf</c> (any case); null for anything else.</summary>
    public static DocumentFileFormat? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "html" or "htm" => DocumentFileFormat.Html,
        "docx" => DocumentFileFormat.Docx,
        "pdf" => DocumentFileFormat.Pdf,
        _ => null,
    };

    public static string ContentType(this DocumentFileFormat format) => format switch
    {
        DocumentFileFormat.Html => "text/html; charset=utf-8",
        DocumentFileFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/pdf",
    };

    public static string Extension(this DocumentFileFormat format) => format switch
    {
        DocumentFileFormat.Html => ".html",
        DocumentFileFormat.Docx => ".docx",
        _ => ".pdf",
    };
}

/// <summary>The bytes of a produced document, or the errors that stopped it; never both.</summary>
public sealed record DocumentResult(DocumentFileFormat Format, byte[]? Content, IReadOnlyList<PackError> Errors)
{
    [MemberNotNullWhen(true, nameof(Content))]
    public bool Ok => Content is not null && Errors.Count == 0;

    public static DocumentResult Failed(DocumentFileFormat format, PackError error) => new(format, null, [error]);
}

/// <summary>
/// One template source, three outputs: the template renders to HTML in the sandbox
/// (<see cref="TemplateSandbox.Render"/>); DOCX and PDF are made from that HTML. Every problem is a
/// <see cref="PackError"/> (<c>template.render</c>, <c>document.docx</c>, <c>pdf.unavailable</c>,
/// <c>pdf.failed</c>, <c>pdf.timeout</c>), never an exception.
/// </summary>
public static class DocumentOutput
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static DocumentResult RenderHtml(ParsedTemplate template, ScriptObject model, RenderOptions? options = null)
    {
        var rendered = TemplateSandbox.Render(template, model, options);
        return rendered.Ok
            ? new DocumentResult(DocumentFileFormat.Html, Utf8.GetBytes(rendered.Output), [])
            : new DocumentResult(DocumentFileFormat.Html, null, rendered.Errors);
    }

    /// <summary>Renders the template and converts its HTML to DOCX, stamped from the model's pack and verification code.</summary>
    public static DocumentResult RenderDocx(ParsedTemplate template, ScriptObject model, RenderOptions? options = null)
    {
        var rendered = TemplateSandbox.Render(template, model, options);
        return rendered.Ok
            ? ToDocx(rendered.Output, DocumentStamp.FromModel(model), template.File)
            : new DocumentResult(DocumentFileFormat.Docx, null, rendered.Errors);
    }

    /// <summary>Renders the template and prints its HTML with the given printer (<see cref="ChromiumPdf"/>).</summary>
    public static async Task<DocumentResult> RenderPdfAsync(ParsedTemplate template, ScriptObject model, ChromiumPdf printer,
        RenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        var rendered = TemplateSandbox.Render(template, model, options);
        return rendered.Ok
            ? await printer.ConvertAsync(rendered.Output, cancellationToken).ConfigureAwait(false)
            : new DocumentResult(DocumentFileFormat.Pdf, null, rendered.Errors);
    }

    /// <summary>One format; a PDF is printed by <paramref name="printer"/>, or by a printer started and stopped for this one document when null.</summary>
    public static async Task<DocumentResult> RenderAsync(DocumentFileFormat format, ParsedTemplate template, ScriptObject model,
        RenderOptions? options = null, ChromiumPdf? printer = null, CancellationToken cancellationToken = default)
    {
        switch (format)
        {
            case DocumentFileFormat.Html:
                return RenderHtml(template, model, options);
            case DocumentFileFormat.Docx:
                return RenderDocx(template, model, options);
        }
        if (printer is not null)
        {
            return await RenderPdfAsync(template, model, printer, options, cancellationToken).ConfigureAwait(false);
        }
        await using var own = new ChromiumPdf();
        return await RenderPdfAsync(template, model, own, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Converts already rendered HTML; a converter fault comes back as <c>document.docx</c>.</summary>
    public static DocumentResult ToDocx(string html, DocumentStamp stamp, string file = "")
    {
        try
        {
            return new DocumentResult(DocumentFileFormat.Docx, HtmlToDocx.Convert(html, stamp), []);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return DocumentResult.Failed(DocumentFileFormat.Docx,
                new PackError(file, "document.docx", $"Không tạo được tệp DOCX từ văn bản: {ex.Message}"));
        }
    }
}
