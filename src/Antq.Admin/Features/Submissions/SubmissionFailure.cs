using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// A refusal the caller can cause (bad input, wrong state, stale revision): a value, not an
/// exception. Access refusals (403/404) are thrown as <see cref="AccessDeniedException"/> instead.
/// </summary>
public sealed record SubmissionFailure(int Status, string Title, string Detail, IDictionary<string, object?>? Extensions = null)
{
    public static SubmissionFailure BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ", detail);

    public static SubmissionFailure NotFound(string detail) => new(StatusCodes.Status404NotFound, "Không tìm thấy", detail);

    public static SubmissionFailure Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, "Xung đột", detail, extensions);

    public static SubmissionFailure Unprocessable(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status422UnprocessableEntity, "Không thể xử lý", detail, extensions);

    public ProblemHttpResult ToProblem() => Problems.Of(Status, Title, Detail, Extensions);
}

/// <summary>Either a value or a <see cref="SubmissionFailure"/>.</summary>
public sealed class SubmissionResult<T> where T : class
{
    private SubmissionResult(T? value, SubmissionFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }
    public SubmissionFailure? Failure { get; }

    public static implicit operator SubmissionResult<T>(T value) => new(value, null);

    public static implicit operator SubmissionResult<T>(SubmissionFailure failure) => new(null, failure);
}
