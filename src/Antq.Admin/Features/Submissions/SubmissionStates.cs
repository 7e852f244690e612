using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Submissions;

/// <summary>The statuses as the procedure reads them, and the refusal of an action in the wrong one.</summary>
public static class SubmissionStates
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [SubmissionStatus.Draft] = "Bản nháp",
        [SubmissionStatus.Submitted] = "Đã gửi, đang xét duyệt",
        [SubmissionStatus.Returned] = "Bị trả lại để bổ sung",
        [SubmissionStatus.Approved] = "Đã thông qua, chờ quyết định công nhận",
        [SubmissionStatus.Recognised] = "Đã được công nhận",
        [SubmissionStatus.NotRecognised] = "Không được công nhận",
    };

    /// <summary>The unit can still change its form (and move it to another pack version).</summary>
    public static bool IsEditable(string status) => status is SubmissionStatus.Draft or SubmissionStatus.Returned;

    /// <summary>Waiting on a reviewing unit (<see cref="SubmissionRecord.PendingUnitId"/>).</summary>
    public static bool IsUnderReview(string status) => status is SubmissionStatus.Submitted or SubmissionStatus.Approved;

    public static string Label(string status) => Labels.TryGetValue(status, out var label) ? label : status;

    /// <summary>409: "Hồ sơ đang ở trạng thái … nên không thể …".</summary>
    public static Refusal WrongState(SubmissionRecord record, string action) =>
        Refusal.Conflict($"Hồ sơ đang ở trạng thái «{Label(record.Status)}» nên không thể {action}.",
            new Dictionary<string, object?> { ["status"] = record.Status });
}
