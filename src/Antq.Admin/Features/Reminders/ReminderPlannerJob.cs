using Hangfire;

namespace Antq.Admin.Features.Reminders;

/// <summary>
/// The recurring Hangfire job (every 15 minutes). Runs are not overlapped on purpose — though the
/// planner would not double-send if they were — and a failed run is retried a little later. Its result, the run's
/// counts in Vietnamese, is what the dashboard shows of the last runs (Jobs → Succeeded); the progress is in the log.
/// </summary>
public sealed class ReminderPlannerJob(ReminderPlanner planner)
{
    public const string RecurringId = "antq-reminder-planner";
    public const string Every15Minutes = "*/15 * * * *";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [60, 300])]
    public async Task<string> RunAsync(CancellationToken ct) => (await planner.RunAsync(ct)).Summary(); // shown as the job's result
}
