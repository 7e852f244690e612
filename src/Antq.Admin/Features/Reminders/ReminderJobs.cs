using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace Antq.Admin.Features.Reminders;

/// <summary>
/// Hangfire: its storage in its own SQLite file under ANTQ_DATA_DIR (its tables have unprefixed
/// names) or, on PostgreSQL, in the server's database under the <c>hangfire</c> schema. The storage is
/// always set up (the dashboard and queueing need it); the processing server and the recurring
/// planner only with ANTQ_JOBS on, so a web-only instance or the tests run no jobs.
/// </summary>
public static class ReminderJobs
{
    public const string DashboardPath = "/hangfire";

    public static void AddReminderJobs(this IServiceCollection services, AntqOptions options, ReminderSettings settings)
    {
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (options.Provider == DbProvider.Postgres)
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(options.ConnectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
            else
                config.UseSQLiteStorage(Path.Combine(options.DataDirectory, "hangfire.db"),
                    new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(5), JournalMode = SQLiteStorageOptions.JournalModes.WAL });
        });
        if (settings.JobsEnabled)
            services.AddHangfireServer(o => o.WorkerCount = Math.Clamp(Environment.ProcessorCount, 2, 4));
    }

    /// <summary>The dashboard (administrators only, no connection string shown) and, with jobs on, the recurring planner.</summary>
    public static void MapReminderJobs(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorization()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Antq.Forms — tác vụ nền",
            AppPath = "/",
        });
        if (!app.ServiceProvider.GetRequiredService<ReminderSettings>().JobsEnabled) return;
        app.ServiceProvider.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ReminderPlannerJob>(
            ReminderPlannerJob.RecurringId, job => job.RunAsync(CancellationToken.None), ReminderPlannerJob.Every15Minutes,
            new RecurringJobOptions { TimeZone = VietnamTime.Zone });
    }
}
