using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Notifications;

/// <summary>The in-app inbox. Handlers only bind: the services scope everything to the caller.</summary>
public static class NotificationsApi
{
    public static void MapNotificationRoutes(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        inbox.MapGet("/", async Task<Ok<NotificationPage>> (
                [FromQuery] bool? unread, [FromQuery] int? skip, [FromQuery] int? take, NotificationInbox notifications, CancellationToken ct) =>
                TypedResults.Ok(await notifications.ListAsync(unread ?? false, skip, take, ct)))
            .WithName("ListNotifications").WithSummary("The caller's in-app messages, newest first (`unread=true`: unread only).");

        inbox.MapGet("/unread-count", async Task<Ok<UnreadCountView>> (NotificationInbox notifications, CancellationToken ct) =>
                TypedResults.Ok(await notifications.UnreadCountAsync(ct)))
            .WithName("CountUnreadNotifications").WithSummary("How many of the caller's messages are unread (the badge in the header).");

        inbox.MapPost("/{id:guid}/read", async Task<Ok<NotificationView>> (Guid id, NotificationInbox notifications, CancellationToken ct) =>
                TypedResults.Ok(await notifications.MarkReadAsync(id, ct)))
            .WithName("ReadNotification").WithSummary("Marks one of the caller's messages read.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        inbox.MapPost("/read-all", async Task<Ok<UnreadCountView>> (NotificationInbox notifications, CancellationToken ct) =>
                TypedResults.Ok(await notifications.MarkAllReadAsync(ct)))
            .WithName("ReadAllNotifications").WithSummary("Marks all the caller's messages read.");
    }
}
