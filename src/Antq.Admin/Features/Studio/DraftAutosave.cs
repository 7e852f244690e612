namespace Antq.Admin.Features.Studio;

/// <summary>
/// When the studio page saves its draft. Edits are counted; a save covers the edits made before it
/// took its snapshot, so an edit made while a save is in flight stays unsaved and is saved next. The
/// debounced save can be flushed at once — before publishing, importing or leaving the page — so an edit
/// made just before another action is never dropped with the debounce timer (it once was: the timer
/// was cancelled on leaving, and publishing decided from the status text whether anything was unsaved).
/// </summary>
public sealed class DraftAutosave(Func<Task<bool>> save, Func<Func<Task>, Task> dispatch, TimeSpan delay) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private CancellationTokenSource? _timer;
    private int _edits;
    private int _saved;

    /// <summary>Edits not yet covered by a successful save.</summary>
    public bool Unsaved => _saved != _edits;

    /// <summary>Called after the save the timer started (e.g. to verify and re-render).</summary>
    public Func<Task>? AfterSave { get; set; }

    /// <summary>An edit was made: save after the delay, unless another edit comes first.</summary>
    public void Touch()
    {
        _edits++;
        _timer?.Cancel();
        _timer = new CancellationTokenSource();
        var token = _timer.Token;
        _ = dispatch(async () =>
        {
            try { await Task.Delay(delay, token); }
            catch (TaskCanceledException) { return; }
            await FlushAsync();
            if (AfterSave is { } after) await after();
        });
    }

    /// <summary>Saves now whatever is unsaved (one save at a time); false when a save failed (conflict, refusal).</summary>
    public async Task<bool> FlushAsync()
    {
        _timer?.Cancel();
        await _one.WaitAsync();
        try
        {
            while (Unsaved)
            {
                var covers = _edits;
                if (!await save()) return false;
                _saved = covers;
            }
            return true;
        }
        finally { _one.Release(); }
    }

    /// <summary>Forget unsaved edits (the draft was reloaded from the server).</summary>
    public void Reset()
    {
        _timer?.Cancel();
        _saved = _edits;
    }

    /// <summary>Stops the timer; the page flushes first (<see cref="FlushAsync"/>) so nothing is dropped.</summary>
    public void Dispose() => _timer?.Cancel();
}
