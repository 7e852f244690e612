using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Reminders;

/// <summary>Registration and routes of deadlines, reminders, the inbox and the job dashboard.</summary>
public static class RemindersFeature
{
    public static void AddRemindersFeature(this IServiceCollection services, IConfiguration configuration, AntqOptions options)
    {
        var settings = ReminderSettings.From(configuration, options.TemplatesDirectory);
        services.AddSingleton(settings);
        services.AddSingleton<ReminderMessages>();
        services.AddSingleton<IReminderMailSender, SmtpReminderSender>();
        services.AddScoped<IReminderMailQueue, HangfireReminderMailQueue>();
        services.AddScoped<DeadlineBoard>();
        services.AddScoped<DeadlineQueries>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<ReminderPlannerJob>();
        services.AddScoped<ReminderMailJob>();
        services.AddScoped<UnreadCounter>();
        services.AddReminderJobs(options, settings);
    }

    public static void MapRemindersApi(this IEndpointRouteBuilder app)
    {
        app.MapReminderRoutes();
        app.MapReminderJobs();
    }
}
