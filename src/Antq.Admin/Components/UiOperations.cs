using System.Diagnostics.CodeAnalysis;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace Antq.Admin.Components;

/// <summary>
/// Runs one UI operation in a fresh DI scope acting for the circuit's user: a circuit lives for
/// hours, so a circuit-long DbContext would go stale and there is no HttpContext to read the user
/// from. Refusals (<see cref="AccessDeniedException"/>, a service's <see cref="Refusal"/> with or without field errors)
/// come back as a <see cref="UiResult{T}"/> with a Vietnamese message, also shown as a notification.
/// </summary>
public sealed class UiOperations(
    IServiceScopeFactory scopes, AuthenticationStateProvider authentication, NotificationService notifications,
    NavigationManager navigation, ILogger<UiOperations> logger)
{
    public Task<UiResult<T>> RunAsync<T>(Func<IServiceProvider, Task<T>> operation, bool notify = true) =>
        ExecuteAsync(operation, UiResult<T>.Success, notify);

    /// <summary>Services answer with a value or a <see cref="Refusal"/> (field errors are shown by the form, their messages joined).</summary>
    public Task<UiResult<T>> RunAsync<T>(Func<IServiceProvider, Task<Result<T>>> operation, bool notify = true) =>
        ExecuteAsync(operation, result => result.Failure switch
        {
            { FieldErrors: { } fields } failure => UiResult<T>.Fail(failure.Status, string.Join(" ", fields.SelectMany(e => e.Value)),
                fields.ToDictionary(e => e.Key, e => e.Value), failure.Extensions),
            { } failure => UiResult<T>.Fail(failure.Status, failure.Detail, extensions: failure.Extensions),
            null => UiResult<T>.Success(result.Value!),
        }, notify);

    public Task<UiResult<bool>> RunAsync(Func<IServiceProvider, Task> operation, bool notify = true) =>
        RunAsync(async services => { await operation(services); return true; }, notify);

    /// <summary>Shows a message the way operation failures are shown (for checks done in the UI itself).</summary>
    public void Notify(string message, NotificationSeverity severity = NotificationSeverity.Error) =>
        notifications.Notify(new NotificationMessage
        {
            Severity = severity,
            Summary = severity switch
            {
                NotificationSeverity.Success => "Thành công",
                NotificationSeverity.Info => "Thông báo",
                NotificationSeverity.Warning => "Lưu ý",
                _ => "Không thực hiện được",
            },
            Detail = message,
            Duration = severity == NotificationSeverity.Error ? 8000 : 4000,
        });

    private async Task<UiResult<T>> ExecuteAsync<TRaw, T>(Func<IServiceProvider, Task<TRaw>> operation, Func<TRaw, UiResult<T>> map, bool notify)
    {
        UiResult<T> result;
        try
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<PrincipalHolder>().Principal = user;
            result = map(await operation(scope.ServiceProvider));
        }
        catch (AccessDeniedException denied)
        {
            result = UiResult<T>.Fail(denied.StatusCode, denied.Message);
            if (denied.StatusCode == StatusCodes.Status401Unauthorized)
            {
                // The account was disabled or removed while the circuit was open: back to the login page.
                Notify("Phiên làm việc đã hết hoặc tài khoản không còn hiệu lực. Vui lòng đăng nhập lại.");
                navigation.NavigateTo($"/dang-nhap?ReturnUrl={Uri.EscapeDataString(navigation.ToBaseRelativePath(navigation.Uri))}", forceLoad: true);
                return result;
            }
        }
        catch (OperationCanceledException)
        {
            return UiResult<T>.Fail(499, "Thao tác đã bị huỷ.");
        }
        catch (Exception e)
        {
            var reference = Guid.NewGuid().ToString("N")[..8];
            logger.LogError(e, "UI operation failed (reference {Reference})", reference);
            result = UiResult<T>.Fail(StatusCodes.Status500InternalServerError,
                $"Đã có lỗi xảy ra. Vui lòng thử lại hoặc báo quản trị viên với mã tham chiếu {reference}.");
        }
        if (!result.Ok && notify) Notify(result.Error);
        return result;
    }
}

/// <summary>What a UI operation gave: the value, or a Vietnamese message with the HTTP-like status.</summary>
public sealed record UiResult<T>(T? Value, string? Error, int Status, IDictionary<string, string[]>? FieldErrors = null,
    IDictionary<string, object?>? Extensions = null)
{
    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Ok => Error is null;

    public static UiResult<T> Success(T value) => new(value, null, StatusCodes.Status200OK);

    public static UiResult<T> Fail(int status, string message, IDictionary<string, string[]>? fieldErrors = null, IDictionary<string, object?>? extensions = null) =>
        new(default, message, status, fieldErrors, extensions);
}
