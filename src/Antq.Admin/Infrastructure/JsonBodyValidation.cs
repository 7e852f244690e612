using System.Text.Json;
using System.Text.Unicode;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Refuses JSON request bodies that are not valid text — invalid UTF-8 bytes, or <c>\ud800</c>-style
/// escapes of lone surrogates — with a Vietnamese 400, before any endpoint sees them. System.Text.Json
/// parses such documents lazily and throws only when a string is later read (hashing a draft, say),
/// which surfaced as a 500. Malformed JSON syntax is left to the endpoints' binders (also a 400).
/// </summary>
public sealed class JsonBodyValidation(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var request = context.Request;
        if (!HasJsonBody(request))
        {
            await next(context);
            return;
        }
        // Read once into one array, checked, then handed to the endpoint's binder as the request body. (Buffering the
        // stream and copying it out again allocated the body three times over per request: the evaluate profile.)
        var body = await ReadBodyAsync(request, context.RequestAborted);
        request.Body = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
        if (!IsValidText(body.AsSpan()))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Yêu cầu không hợp lệ",
                    Detail = "Nội dung JSON không hợp lệ: có byte không phải UTF-8 hoặc ký tự thay thế (surrogate) đứng lẻ.",
                },
            });
            return;
        }
        await next(context);
    }

    /// <summary>Bodies up to this size with a Content-Length are read into an array of that size; larger or chunked ones grow as read.</summary>
    private const int ExactReadLimit = 1024 * 1024;

    private static async Task<ArraySegment<byte>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is > 0 and <= ExactReadLimit and var length)
        {
            var exact = new byte[length];
            var read = 0;
            while (read < exact.Length && await request.Body.ReadAsync(exact.AsMemory(read), ct) is var n and > 0)
                read += n;
            return new ArraySegment<byte>(exact, 0, read);
        }
        var grown = new MemoryStream();
        await request.Body.CopyToAsync(grown, ct);
        return new ArraySegment<byte>(grown.GetBuffer(), 0, (int)grown.Length);
    }

    private static bool HasJsonBody(HttpRequest request) =>
        (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        && request.ContentType is { } type
        && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>False when a string or property name cannot be read as UTF-16 text; syntax errors count as valid here.</summary>
    public static bool IsValidText(ReadOnlySpan<byte> json)
    {
        // Invalid UTF-8 anywhere is found by one vectorised pass; what is left is a lone surrogate written as an
        // escape, so only escaped strings are decoded. Decoding every string (a second full parse of each body,
        // evaluate and draft save alike) showed in the request profile.
        if (!Utf8.IsValid(json)) return false;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        try
        {
            while (reader.Read())
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                    _ = reader.GetString();
            return true;
        }
        catch (JsonException)
        {
            return true; // a syntax error: the endpoint's binder answers it
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
