using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Features.Units;

/// <summary>Validation messages per field (camelCase names, Vietnamese messages), collected before anything is written.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>A 422 ProblemDetails carrying the messages under <c>errors</c>.</summary>
    public ProblemHttpResult ToProblem() => TypedResults.Problem(new HttpValidationProblemDetails(ToDictionary())
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Dữ liệu không hợp lệ",
        Detail = "Dữ liệu gửi lên chưa hợp lệ; xem chi tiết trong errors.",
    });
}

/// <summary>What a write service returns: the value, the validation errors (422) or a conflict (409).</summary>
public sealed record CommandResult<T>(T? Value, FieldErrors? Errors = null, string? Conflict = null)
{
    public static CommandResult<T> Ok(T value) => new(value);
    public static CommandResult<T> Invalid(FieldErrors errors) => new(default, errors);
    public static CommandResult<T> Conflicting(string message) => new(default, null, message);

    /// <summary>The failure as ProblemDetails (only when there is no value).</summary>
    public ProblemHttpResult ToProblem() => Errors is not null ? Errors.ToProblem() : Problems.Conflict(Conflict ?? "Xung đột dữ liệu.");
}
