using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// A refusal the caller can cause (bad input, wrong state, stale revision): a value, not an
/// exception. Access refusals (403/404) are thrown as <see cref="AccessDeniedException"/> instead.
/// </summary>
public sealed record Refusal(int Status, string Title, string Detail, IDictionary<string, object?>? Extensions = null)
{
    /// <summary>A stable, machine-readable name of the refusal (not sent in the ProblemDetails).</summary>
    public string Code { get; init; } = Status switch
    {
        StatusCodes.Status400BadRequest => "bad-request",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status422UnprocessableEntity => "unprocessable",
        _ => "refused",
    };

    /// <summary>Validation messages per field (camelCase names, Vietnamese messages); answered as <c>errors</c>.</summary>
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; init; }

    public static Refusal BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ", detail);

    public static Refusal NotFound(string detail) => new(StatusCodes.Status404NotFound, "Không tìm thấy", detail);

    public static Refusal Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, "Xung đột", detail, extensions);

    public static Refusal Unprocessable(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status422UnprocessableEntity, "Không thể xử lý", detail, extensions);

    /// <summary>The input does not validate: a 422 carrying the messages per field.</summary>
    public static Refusal Invalid(FieldErrors errors) =>
        new(StatusCodes.Status422UnprocessableEntity, "Dữ liệu không hợp lệ", "Dữ liệu gửi lên chưa hợp lệ; xem chi tiết trong errors.")
        {
            Code = "invalid",
            FieldErrors = errors.ToDictionary(),
        };

    /// <summary>The one mapping to ProblemDetails; field errors give a validation problem (<c>errors</c>).</summary>
    public ProblemHttpResult ToProblem() => FieldErrors is { } fields
        ? TypedResults.Problem(new HttpValidationProblemDetails(fields.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = Status,
            Title = Title,
            Detail = Detail,
        })
        : Problems.Of(Status, Title, Detail, Extensions);
}

/// <summary>Validation messages per field, collected before anything is written; <see cref="Refusal.Invalid"/> answers them.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>What a service answers: either a value or a <see cref="Refusal"/>.</summary>
public sealed class Result<T>
{
    private Result(T? value, Refusal? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }
    public Refusal? Failure { get; }

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Refusal failure) => new(default, failure);

    /// <summary>The API's answer: 200 with the value, or the refusal as ProblemDetails.</summary>
    public Results<Ok<T>, ProblemHttpResult> ToHttp() => ToHttp(TypedResults.Ok);

    /// <summary>The API's answer when success is not a plain 200 (201 Created, 204 No Content).</summary>
    public Results<TOk, ProblemHttpResult> ToHttp<TOk>(Func<T, TOk> ok) where TOk : IResult =>
        Failure is { } failure ? failure.ToProblem() : ok(Value!);
}
