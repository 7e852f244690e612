namespace Antq.Admin.Features.Notifications;

/// <summary>
/// Per circuit: the inbox page tells the header badge that messages were read, so the count
/// changes at once instead of at the badge's next poll.
/// </summary>
public sealed class UnreadCounter
{
    public event Func<Task>? Changed;

    public async Task ChangedAsync()
    {
        if (Changed is { } handlers)
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
                await handler();
    }
}
