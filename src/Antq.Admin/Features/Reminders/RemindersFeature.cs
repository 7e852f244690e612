using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Reminders;

/// <summary>Registration and routes of reminder jobs: the planner, its mail, Hangfire and its dashboard.</summary>
public static class RemindersFeature
{
    public static IServiceCollection AddRemindersFeature(this IServiceCollection services, IConfiguration configuration, AntqOptions options)
    {
        var settings = ReminderSettings.From(configuration, options.TemplatesDirectory);
        services.AddSingleton(settings);
        services.AddSingleton<ReminderMessages>();
        services.AddSingleton<IReminderMailSender, SmtpReminderSender>();
        services.AddScoped<IReminderMailQueue, HangfireReminderMailQueue>();
        services.AddScoped<NotificationOutbox>();
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<ReminderPlannerJob>();
        services.AddScoped<ReminderMailJob>();
        services.AddReminderJobs(options, settings);
        return services;
    }

    public static IEndpointRouteBuilder MapRemindersFeature(this IEndpointRouteBuilder app)
    {
        app.MapReminderJobs();
        return app;
    }
}
