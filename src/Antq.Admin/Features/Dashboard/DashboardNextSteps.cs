using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Submissions;
using Antq.FormEngine;

namespace Antq.Admin.Features.Dashboard;

/// <summary>"What to do next" for a unit concerned by a pack: its own submission's state, put as an instruction.</summary>
public static class DashboardNextSteps
{
    internal static List<NextStep> For(Unit unit, IReadOnlyList<CompiledPack> packs, IReadOnlyList<DashboardQueries.SubmissionRow> submissions,
        IReadOnlyList<DeadlineInstance> deadlines, DateTimeOffset now)
    {
        var steps = new List<NextStep>();
        foreach (var pack in packs.Where(p => p.Manifest.UnitKinds.Contains(unit.KindId)))
        {
            var own = submissions.FirstOrDefault(s => s.PackId == pack.Manifest.Id && s.UnitId == unit.Id);
            var (text, link) = own switch
            {
                null => ("Chưa lập hồ sơ năm nay: lập hồ sơ và điền biểu mẫu.", "/ho-so"),
                { Status: SubmissionStatus.Draft } => ("Hồ sơ đang soạn: điền nốt biểu mẫu, kiểm tra các tiêu chí rồi gửi lên cấp trên.", $"/ho-so/{own.Id}"),
                { Status: SubmissionStatus.Returned } => ("Hồ sơ bị trả lại: xem lý do, sửa theo yêu cầu và gửi lại.", $"/ho-so/{own.Id}"),
                { Status: SubmissionStatus.Submitted } => ("Hồ sơ đã gửi, đang chờ cấp trên xem xét. Không cần làm gì thêm.", $"/ho-so/{own.Id}"),
                { Status: SubmissionStatus.Approved } => ("Hồ sơ đã được thông qua, đang chờ quyết định công nhận.", $"/ho-so/{own.Id}"),
                { Status: SubmissionStatus.Recognised } => ("Đơn vị đã được công nhận. Không cần làm gì thêm.", $"/ho-so/{own.Id}"),
                _ => ("Hồ sơ không được công nhận; xem lý do trong lịch sử hồ sơ.", $"/ho-so/{own.Id}"),
            };
            // The unit's next unmet deadline of this pack, overdue or not.
            var next = deadlines
                .Where(d => d.Pack.Manifest.Id == pack.Manifest.Id)
                .Select(d => (Instance: d, Row: d.Units.FirstOrDefault(u => u.Unit.Id == unit.Id)))
                .Where(d => d.Row is { Done: false })
                .OrderBy(d => d.Instance.DueAt)
                .FirstOrDefault();
            steps.Add(new NextStep(pack.Manifest.Id, pack.Manifest.Title, own?.Status ?? DashboardStatuses.NotStarted, own?.Id, text, link,
                next.Instance?.DueAt, next.Instance?.Definition.Title));
        }
        return steps;
    }
}
