using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Packs.Impact;
using Antq.Admin.Features.Packs.Moves;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace Antq.Admin.Tests.Packs;

/// <summary>
/// One queue serves both background runs of a pack. With ANTQ_JOBS on it is a Hangfire job named by the runner's own type
/// (the tests run without a job server, so the job as Hangfire stores and reads it back is checked here), without retries.
/// </summary>
public sealed class PackRunQueueTests
{
    private sealed class Capture : IBackgroundJobClient
    {
        public List<Job> Jobs { get; } = [];

        public string Create(Job job, IState state)
        {
            Jobs.Add(job);
            return Jobs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }

    [Theory]
    [InlineData(typeof(MoveRunner))]
    [InlineData(typeof(ImpactRunner))]
    public void HangfireJob_NamesTheRunnersType_SurvivesStorage_AndIsNotRetried(Type runner)
    {
        var jobs = new Capture();
        var queue = new HangfirePackRunQueue(jobs);
        var id = Guid.NewGuid();

        if (runner == typeof(MoveRunner)) queue.Enqueue<MoveRunner>(id);
        else queue.Enqueue<ImpactRunner>(id);

        var job = Assert.Single(jobs.Jobs);
        var stored = InvocationData.SerializeJob(job).DeserializeJob();
        Assert.Equal(runner, stored.Type);
        Assert.Equal(nameof(IPackRunner.RunAsync), stored.Method.Name);
        Assert.Equal(id, stored.Args[0]);
        // Read as declared, not constructed: the attribute's constructor asks Hangfire's global logger, which another test host may have disposed.
        var retry = Assert.Single(runner.GetCustomAttributesData(), a => a.AttributeType == typeof(AutomaticRetryAttribute));
        Assert.Equal(0, Assert.Single(retry.NamedArguments, n => n.MemberName == nameof(AutomaticRetryAttribute.Attempts)).TypedValue.Value);
    }
}
