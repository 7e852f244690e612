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
        request.EnableBuffering();
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        request.Body.Position = 0;
        if (!IsValidText(body))
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
