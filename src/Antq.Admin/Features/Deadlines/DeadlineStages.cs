using Antq.Admin.Data.Entities;

namespace Antq.Admin.Features.Deadlines;

/// <summary>
/// What each deadline stage asks of a unit's submission, and who has to act while it is not there yet.
/// The submission's own state decides: missing, a draft or returned → the unit; submitted or
/// approved → the reviewers of the unit it is pending at (<see cref="SubmissionRecord.PendingUnitId"/>).
/// </summary>
public static class DeadlineStages
{
    public const string Registered = "registered";
    public const string Submitted = "submitted";
    public const string Recognised = "recognised";

    /// <summary>The level that reports to the province has issued its yearly result report (not a dossier's stage: see <see cref="DeadlineBoard"/>).</summary>
    public const string Reported = "reported";
    public const string ReviewedPrefix = "reviewed:";

    /// <summary>Whether <see cref="Reached"/> reads the review chain for <paramref name="stage"/> (only "reviewed at a level" does).</summary>
    public static bool ReadsChain(string stage) => stage.StartsWith(ReviewedPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Whether the submission has reached the stage; <paramref name="chain"/> is its review chain (parent first). Registered:
    /// the unit's registration was accepted (TT124 Điều 9 khoản 2 điểm a), or — the procedure before the registration
    /// step, valid only where the year's plan does not require it (<paramref name="registrationRequired"/>,
    /// <see cref="YearPlan.RegistrationRequired"/>) — the unit already has its dossier. A draft started without a
    /// registration where one is required does not make the unit registered.
    /// </summary>
    public static bool Reached(string stage, SubmissionSnapshot? submission, IReadOnlyList<Unit> chain, RegistrationSnapshot? registration = null,
        bool registrationRequired = false)
    {
        if (stage == Registered) return registration?.Status == RegistrationStatus.Accepted || (!registrationRequired && submission is not null);
        if (submission is null) return false;
        if (submission.Status is SubmissionStatus.Draft or SubmissionStatus.Returned) return false;
        if (stage == Submitted) return true;
        if (stage == Recognised) return submission.Status is SubmissionStatus.Recognised or SubmissionStatus.NotRecognised;
        if (stage.StartsWith(ReviewedPrefix, StringComparison.Ordinal)) return ReviewedAt(stage[ReviewedPrefix.Length..], submission, chain);
        return false; // the pack parser refuses other stages
    }

    /// <summary>Reviewed at a level: the submission has moved past that level's unit in its chain.</summary>
    private static bool ReviewedAt(string level, SubmissionSnapshot submission, IReadOnlyList<Unit> chain)
    {
        if (submission.Status is SubmissionStatus.Approved or SubmissionStatus.Recognised or SubmissionStatus.NotRecognised) return true;
        var levelAt = IndexOf(chain, u => u.LevelId == level);
        // No unit of that level on the way up (e.g. after the 2025 two-level reform): nothing to wait for.
        if (levelAt < 0) return true;
        return IndexOf(chain, u => u.Id == submission.PendingUnitId) > levelAt;
    }

    /// <summary>The unit whose people must act next: the unit itself, or the unit its submission waits at.</summary>
    public static (int? UnitId, bool Reviewers) WaitingOn(Unit unit, SubmissionSnapshot? submission) =>
        submission is null || submission.Status is SubmissionStatus.Draft or SubmissionStatus.Returned
            ? (unit.Id, false)
            : (submission.PendingUnitId, true);

    /// <summary>Who must act for the registered stage: the reviewing unit while a sent registration waits for its decision, else the unit.</summary>
    public static (int? UnitId, bool Reviewers) RegistrationWaitingOn(Unit unit, RegistrationSnapshot? registration) =>
        registration is { Status: RegistrationStatus.Submitted, ReviewingUnitId: int at } ? (at, true) : (unit.Id, false);

    /// <summary>A short Vietnamese name of the stage for the calendar.</summary>
    public static string Text(string stage, IReadOnlyDictionary<string, string> levelNames) => stage switch
    {
        Registered => "Đăng ký phấn đấu (bản đăng ký được chấp nhận)",
        Submitted => "Gửi hồ sơ lên cấp trên",
        Recognised => "Có quyết định công nhận",
        Reported => "Ban hành báo cáo kết quả năm",
        _ when stage.StartsWith(ReviewedPrefix, StringComparison.Ordinal) =>
            $"{(levelNames.TryGetValue(stage[ReviewedPrefix.Length..], out var name) ? name : "Cấp " + stage[ReviewedPrefix.Length..])} xem xét, thông qua",
        _ => stage,
    };

    private static int IndexOf(IReadOnlyList<Unit> units, Func<Unit, bool> match)
    {
        for (var i = 0; i < units.Count; i++)
            if (match(units[i])) return i;
        return -1;
    }
}
