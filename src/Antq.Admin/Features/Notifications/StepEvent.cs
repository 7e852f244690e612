using Antq.Admin.Data.Entities;

namespace Antq.Admin.Features.Notifications;

/// <summary>
/// One event of the procedure to tell people about: what happened (<see cref="Kind"/>, a
/// <see cref="NotificationKinds"/> value), its unique <see cref="Key"/>, the unit and dossier it is
/// about, and who is told: the reviewers of <see cref="ReviewerUnitIds"/> and, with
/// <see cref="ToUnitAccounts"/>, the unit's own accounts. The rest fills the template's variables.
/// </summary>
public sealed record StepEvent(string Kind, string Key, Unit Unit, string PackId, string PackTitle, int Year)
{
    public IReadOnlyList<int> ReviewerUnitIds { get; init; } = [];
    public bool ToUnitAccounts { get; init; }

    /// <summary>The dossier the links open (<c>/ho-so/{id}</c> for the unit, <c>/xet-duyet/{id}</c> for reviewers); null: the lists.</summary>
    public Guid? SubmissionId { get; init; }

    /// <summary>Where the dossier waits after the step (its name in the text), when it waits somewhere.</summary>
    public Unit? WaitingAt { get; init; }

    public string Reason { get; init; } = "";
    public IReadOnlyList<CriterionNote> Criteria { get; init; } = [];
    public string DecisionNumber { get; init; } = "";
    public DateOnly? DecisionDate { get; init; }
    public string DocumentTitle { get; init; } = "";
    public string DocumentNumber { get; init; } = "";

    /// <summary>The pack versions of a dossier moved to another one (by activation, or by a return): empty when it did not move.</summary>
    public string FromVersion { get; init; } = "";
    public string ToVersion { get; init; } = "";

    /// <summary>The form fields the new version adds, removes or re-types, in words.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];
}

/// <summary>A criterion a reviewer's return names, with the reason given for it (for a move: how its verdict changes).</summary>
public sealed record CriterionNote(string Id, string Title, string Reason);

/// <summary>
/// A registration step other features report through <see cref="StepNotifications.RegistrationAsync"/>:
/// <paramref name="Revision"/> is the registration's revision the step acted on (as for dossiers, one step per
/// revision), so a registration refused, corrected and sent again is told again, and a retried request is not.
/// <paramref name="Reason"/> is required when refused.
/// </summary>
public sealed record RegistrationNotice(RegistrationStep Step, Guid RegistrationId, int Revision, Unit Unit, string PackId, string PackTitle, int Year,
    int ReviewingUnitId, string? Reason = null);

/// <summary>The registration steps: who is told follows from the step.</summary>
public enum RegistrationStep
{
    /// <summary>The unit sent its registration: its reviewing level is told.</summary>
    Submitted,

    /// <summary>The reviewing level accepted it: the unit is told.</summary>
    Accepted,

    /// <summary>The reviewing level refused it (with a reason): the unit is told.</summary>
    Refused,
}
