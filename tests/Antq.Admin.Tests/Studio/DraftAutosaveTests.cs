using Antq.Admin.Features.Studio;

namespace Antq.Admin.Tests.Studio;

/// <summary>The studio's autosave: an edit is never dropped with the debounce timer, nor by a save already in flight.</summary>
public sealed class DraftAutosaveTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    private static Task Run(Func<Task> work) => work();

    [Fact]
    public async Task EditThenAnotherActionBeforeTheDelay_FlushSavesIt()
    {
        var saves = 0;
        using var autosave = new DraftAutosave(() => { saves++; return Task.FromResult(true); }, Run, Never);

        autosave.Touch();
        Assert.True(autosave.Unsaved);
        Assert.True(await autosave.FlushAsync());

        Assert.Equal(1, saves);
        Assert.False(autosave.Unsaved);
        Assert.True(await autosave.FlushAsync());
        Assert.Equal(1, saves);
    }

    [Fact]
    public async Task EditWhileASaveIsInFlight_SavedByASecondSave()
    {
        var release = new TaskCompletionSource();
        var snapshots = new List<int>();
        var edits = 0;
        DraftAutosave? autosave = null;
        autosave = new DraftAutosave(async () =>
        {
            snapshots.Add(edits);
            if (snapshots.Count == 1) await release.Task;
            return true;
        }, Run, Never);
        using var _ = autosave;

        edits++;
        autosave.Touch();
        var first = autosave.FlushAsync();
        edits++;
        autosave.Touch();
        release.SetResult();
        Assert.True(await first);

        Assert.Equal([1, 2], snapshots);
        Assert.False(autosave.Unsaved);
    }

    [Fact]
    public async Task FailedSave_EditsStayUnsaved()
    {
        var ok = false;
        using var autosave = new DraftAutosave(() => Task.FromResult(ok), Run, Never);

        autosave.Touch();

        Assert.False(await autosave.FlushAsync());
        Assert.True(autosave.Unsaved);
        ok = true;
        Assert.True(await autosave.FlushAsync());
        Assert.False(autosave.Unsaved);
    }

    [Fact]
    public async Task Timer_SavesAfterTheDelay_ThenCallsAfterSave()
    {
        var after = new TaskCompletionSource();
        var saves = 0;
        using var autosave = new DraftAutosave(() => { saves++; return Task.FromResult(true); }, Run, TimeSpan.FromMilliseconds(1))
        {
            AfterSave = () => { after.TrySetResult(); return Task.CompletedTask; },
        };

        autosave.Touch();
        await after.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, saves);
        Assert.False(autosave.Unsaved);
    }

    [Fact]
    public async Task Reset_ForgetsEditsOfAReloadedDraft()
    {
        var saves = 0;
        using var autosave = new DraftAutosave(() => { saves++; return Task.FromResult(true); }, Run, Never);

        autosave.Touch();
        autosave.Reset();

        Assert.False(autosave.Unsaved);
        Assert.True(await autosave.FlushAsync());
        Assert.Equal(0, saves);
    }
}
