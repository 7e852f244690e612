namespace Antq.Admin.Features.Notifications;

/// <summary>Registration and routes of the in-app inbox (<c>/thong-bao</c>, <c>/api/notifications</c>, the unread badge) and the notifications of the procedure's steps.</summary>
public static class NotificationsFeature
{
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services)
    {
        services.AddScoped<NotificationInbox>();
        services.AddScoped<UnreadCounter>();
        services.AddSingleton<StepMessages>();
        services.AddScoped<StepNotifications>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotificationsFeature(this IEndpointRouteBuilder app)
    {
        app.MapNotificationRoutes();
        return app;
    }
}
