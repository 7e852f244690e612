using System.Data.Common;
using System.Diagnostics;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Plans;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Infrastructure;
using Antq.TestKit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Antq.National;

/// <summary>
/// <c>reminders</c>: the server's own <see cref="ReminderPlanner"/>, registered as the server registers it, on a fixed
/// clock, in one transaction rolled back at the end (EF makes a savepoint per SaveChanges inside it, so a refused batch
/// falls back as it does outside). What it measures is what grows with the country: rows written, SQL commands,
/// allocations, memory; the time is only meaningful on a quiet machine.
/// </summary>
public static class ReminderRun
{
    public static async Task<int> RunAsync(ReminderRunOptions options, TextWriter output)
    {
        var commands = new CommandCounter();
        var mail = new CountingMailQueue();
        await using var provider = Services(options, commands, mail);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (options.Accounts)
        {
            var step = Stopwatch.StartNew();
            var (units, reviewers) = await AddAccountsAsync(connection, db);
            output.WriteLine($"accounts added (rolled back at the end): {units:N0} unit accounts, {reviewers:N0} reviewers in {step.Elapsed.TotalSeconds:0.0} s");
        }
        output.WriteLine($"planner clock: {options.At:yyyy-MM-dd HH:mm zzz}");
        for (var i = 1; i <= options.Runs; i++)
        {
            var (notificationsBefore, dispatchesBefore) = (await db.Notifications.CountAsync(), await db.ReminderDispatches.CountAsync());
            var (commandsBefore, mailBefore) = (commands.Count, mail.Count);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            // A scope per run, as Hangfire makes one per job; it shares this connection and its transaction.
            await using (var runScope = provider.CreateAsyncScope())
            {
                var runDb = runScope.ServiceProvider.GetRequiredService<AntqDbContext>();
                runDb.Database.SetDbConnection(connection);
                await runDb.Database.UseTransactionAsync(transaction.GetDbTransaction());
                var run = await runScope.ServiceProvider.GetRequiredService<ReminderPlanner>().RunAsync();
                clock.Stop();
                var sqlCommands = commands.Count - commandsBefore;
                var (notifications, dispatches) = (await db.Notifications.CountAsync() - notificationsBefore, await db.ReminderDispatches.CountAsync() - dispatchesBefore);
                output.WriteLine($"run {i}: {clock.Elapsed.TotalSeconds:0.00} s, {run.Notifications.Count:N0} notifications ({notifications:N0} rows), "
                    + $"{dispatches:N0} dispatch rows, {run.AlreadySent:N0} already sent, {mail.Count - mailBefore:N0} e-mails queued, "
                    + $"{sqlCommands:N0} SQL commands, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:N0} MB allocated, "
                    + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB, "
                    + $"largest GC heap {GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes / 1048576.0:N0} MB at the last collection");
            }
        }
        await transaction.RollbackAsync();
        output.WriteLine("rolled back: the database is as it was.");
        return 0;
    }

    private static ServiceProvider Services(ReminderRunOptions options, CommandCounter commands, CountingMailQueue mail)
    {
        var antq = new AntqOptions
        {
            Provider = DbProvider.Postgres, ConnectionString = options.ConnectionString,
            PacksDirectory = RepoPaths.CriteriaPacks, TemplatesDirectory = RepoPaths.Templates,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ANTQ_JOBS"] = "false", // no Hangfire server; the queue below replaces Hangfire's
            ["ANTQ_SMTP_HOST"] = "127.0.0.1", // e-mails are rendered and queued as in production, never sent
            ["ANTQ_PUBLIC_URL"] = "https://antq.example",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Antq", LogLevel.Information));
        services.AddSingleton<TimeProvider>(new FixedTime(options.At));
        services.AddSingleton(antq);
        services.AddSingleton<IInterceptor>(commands);
        services.AddAntqData(antq);
        services.AddSingleton<PackCatalog>();
        services.AddPlansFeature();
        services.AddDeadlinesFeature();
        services.AddRemindersFeature(configuration, antq);
        services.AddSingleton<IReminderMailQueue>(mail);
        return services.BuildServiceProvider();
    }

    /// <summary>One unit account per unit below the root, one reviewer per commune and province, written by COPY.</summary>
    private static async Task<(int Units, int Reviewers)> AddAccountsAsync(NpgsqlConnection connection, AntqDbContext db)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.ParentId != null && u.Active).Select(u => new { u.Id, u.Code, u.Name, u.LevelId }).ToListAsync();
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id);
        var users = new List<AppUser>();
        var links = new List<IdentityUserRole<string>>();
        void Add(string email, string name, int unitId, string role)
        {
            var user = new AppUser
            {
                Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = name, UnitId = unitId,
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            users.Add(user);
            links.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
        }
        foreach (var unit in units)
        {
            Add($"dv-{unit.Id}@reminders.test", unit.Name, unit.Id, Roles.UnitUser);
            if (unit.LevelId is "commune" or "province") Add($"bcd-{unit.Id}@reminders.test", $"Ban Chỉ đạo {unit.Name}", unit.Id, Roles.Reviewer);
        }
        await PgCopy.CopyAsync(connection, db, users);
        await PgCopy.CopyAsync(connection, db, links);
        return (units.Count, users.Count - units.Count);
    }

    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();
    }

    /// <summary>Counts the e-mails the planner queues (Hangfire's queue in the server).</summary>
    private sealed class CountingMailQueue : IReminderMailQueue
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public void Enqueue(Guid notificationId) => Interlocked.Increment(ref _count);
    }

    /// <summary>Counts the SQL commands EF sends (the round trips).</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private long _count;
        public long Count => Interlocked.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
