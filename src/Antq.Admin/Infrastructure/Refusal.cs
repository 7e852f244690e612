using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// A refusal the caller can cause (bad input, wrong state, stale revision): a value, not an
/// exception. Access refusals (403/404) are thrown as <see cref="AccessDeniedException"/> instead.
/// </summary>
public sealed record Refusal(int Status, string Title, string Detail, IDictionary<string, object?>? Extensions = null)
{
    public static Refusal BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ", detail);

    public static Refusal NotFound(string detail) => new(StatusCodes.Status404NotFound, "Không tìm thấy", detail);

    public static Refusal Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, "Xung đột", detail, extensions);

    public static Refusal Unprocessable(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status422UnprocessableEntity, "Không thể xử lý", detail, extensions);

    public ProblemHttpResult ToProblem() => Problems.Of(Status, Title, Detail, Extensions);
}

/// <summary>What a service answers: either a value or a <see cref="Refusal"/>.</summary>
public sealed class Result<T> where T : class
{
    private Result(T? value, Refusal? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }
    public Refusal? Failure { get; }

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Refusal failure) => new(null, failure);

    /// <summary>The API's answer: 200 with the value, or the refusal as ProblemDetails.</summary>
    public Results<Ok<T>, ProblemHttpResult> ToHttp() => Failure is { } failure ? failure.ToProblem() : TypedResults.Ok(Value!);
}
