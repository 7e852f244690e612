namespace Antq.Admin.Features.Forms;

/// <summary>What every field of a <see cref="Components.DynamicForm"/> shares: the session and the way to report a change.</summary>
public sealed class FormContext(FormSession session, Func<string, Task> changed)
{
    public FormSession Session { get; } = session;

    public bool ReadOnly => Session.ReadOnly;

    /// <summary>Call after writing a value into the data: re-evaluates and re-renders the form and its listeners.</summary>
    public Task ChangedAsync(string pointer) => changed(pointer);
}
