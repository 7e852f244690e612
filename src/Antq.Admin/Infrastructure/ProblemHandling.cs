using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Turns exceptions into ProblemDetails: access refusals keep their status and message; anything
/// else is a 500 with a generic Vietnamese message and a reference id, the detail only in the log.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            AccessDeniedException denied => (denied.StatusCode, denied.StatusCode switch
            {
                401 => "Chưa đăng nhập",
                404 => "Không tìm thấy",
                _ => "Không có quyền",
            }, denied.Message),
            BadHttpRequestException bad => (bad.StatusCode, "Yêu cầu không hợp lệ", "Yêu cầu không đọc được (sai định dạng hoặc quá lớn)."),
            _ => (StatusCodes.Status500InternalServerError, "Lỗi máy chủ", "Đã có lỗi xảy ra. Vui lòng thử lại hoặc báo quản trị viên với mã tham chiếu."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error {TraceId}", context.TraceIdentifier);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Extensions = { ["referenceId"] = context.TraceIdentifier } },
        });
    }
}

public static class Problems
{
    public static ProblemHttpResult Of(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    public static ProblemHttpResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Không tìm thấy", detail);

    public static ProblemHttpResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, "Xung đột", detail);

    public static ProblemHttpResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ", detail);
}
