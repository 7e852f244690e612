using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// The assessment meeting and its minutes, issued from it in the same transaction. TT124 Điều 9 khoản 1 has the
/// <em>unit</em> hold it (its head chairs; party committee, front, unions, protection force, Công an cơ sở attend)
/// and its minutes go up in the unit's dossier (khoản 2 điểm b): a pack whose minutes are <c>requiredAtSubmit</c>
/// follows that — the unit's own account records it while its dossier is editable, attendees by role. A pack
/// that does not declare it keeps the procedure the system had first (the reviewing level the dossier waits at
/// records a "họp xét"); such minutes stay as issued and are shown as the old procedure's
/// (<see cref="MeetingView.OldProcedure"/>). Recording again is a correction: a new record and a new version of the minutes.
/// </summary>
public sealed class Meetings(CurrentAccount current, SubmissionStore store, AntqDbContext db, DocumentIssuer issuer, DocumentQueries queries, TimeProvider time)
{
    private const int MaxAttendees = 200;

    public async Task<Result<SubmissionDocumentsView>> RecordAsync(Guid id, RecordMeetingRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        var pack = await store.PinnedPackAsync(record, ct);
        var minutes = OwnMinutes(pack);
        var unitsOwn = minutes is not null;
        if (unitsOwn)
        {
            SubmissionStore.RequireOwner(account, record);
            if (!SubmissionStates.IsEditable(record.Status)) return SubmissionStates.WrongState(record, "ghi biên bản cuộc họp đánh giá");
        }
        else
        {
            SubmissionStore.RequireReviewer(account);
            if (!SubmissionStates.IsUnderReview(record.Status)) return SubmissionStates.WrongState(record, "ghi biên bản họp xét");
            if (record.PendingUnitId != account.ScopeUnit.Id)
                throw new AccessDeniedException("Hồ sơ không chờ đơn vị của bạn xét duyệt nên đơn vị không ghi biên bản họp xét được.");
        }
        var roles = unitsOwn ? RolesFor(account.ScopeUnit.KindId, minutes!) : null;
        if (Check(request, roles) is { } invalid) return Refusal.BadRequest(invalid);

        var meeting = ToRecord(request, record, account);
        var orders = DocumentIssuer.OrdersFor(pack, DocumentStep.Meeting, account.ScopeUnit, meeting);
        var failure = await issuer.WithDocumentsAsync(account, record, pack, orders, async () =>
        {
            db.Meetings.Add(meeting);
            db.AuditEntries.Add(SubmissionAudit.Entry(account, record, "submission.meeting-recorded", record.Status,
                new { meetingUnitId = account.ScopeUnit.Id, votes = new { meeting.VotesAgree, meeting.VotesDisagree, meeting.VotesAbstain } }, time.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        if (failure is not null) return failure;
        return await queries.ListAsync(id, ct);
    }

    /// <summary>Whether the pack has the unit hold its own meeting: its minutes are required when the dossier is sent.</summary>
    public static bool HeldByUnit(Antq.FormEngine.CompiledPack pack) => OwnMinutes(pack) is not null;

    /// <summary>The minutes of the unit's own meeting the pack requires at submission (null: the old procedure).</summary>
    public static DocumentRef? OwnMinutes(Antq.FormEngine.CompiledPack pack) =>
        pack.Manifest.Documents.FirstOrDefault(d => d.RequiredAtSubmit && DocumentKinds.StepOf(d) == DocumentStep.Meeting);

    /// <summary>The roles a unit of <paramref name="kindId"/> records at its meeting, those the pack's minutes require marked.</summary>
    public static IReadOnlyList<MeetingRoleView> RolesFor(string kindId, DocumentRef minutes) =>
        MeetingRoles.For(kindId, minutes.RequiredRoles).Select(r => new MeetingRoleView(r.Id, r.Name, minutes.RequiredRoles.Contains(r.Id))).ToList();

    /// <summary>The minutes the pack requires and the unit has not yet issued from its own meeting (null: nothing missing).</summary>
    public async Task<Refusal?> MissingMinutesAsync(SubmissionRecord record, Antq.FormEngine.CompiledPack pack, CancellationToken ct)
    {
        var required = OwnMinutes(pack);
        if (required is null || await db.Meetings.AnyAsync(m => m.SubmissionId == record.Id && m.UnitId == record.UnitId, ct)) return null;
        return Refusal.Unprocessable($"Chưa gửi được hồ sơ: thiếu «{required.Title}». Đơn vị cần ghi kết quả cuộc họp đánh giá của mình " +
            "(người chủ trì, thành phần tham dự, biểu quyết, kết luận) để phát hành biên bản trước khi gửi (khoản 1 và điểm b khoản 2 Điều 9 Thông tư số 124/2021/TT-BCA).");
    }

    /// <param name="roles">For the unit's own meeting, the roles its kind records (null: the reviewing level's họp xét, attendees without roles).</param>
    private static string? Check(RecordMeetingRequest r, IReadOnlyList<MeetingRoleView>? roles)
    {
        var unitsOwn = roles is not null;
        var problems = new List<string>();
        if (r.Start is null) problems.Add("thời gian bắt đầu");
        if (r.End is { } end && r.Start is { } start && end < start) problems.Add("thời gian kết thúc không được trước thời gian bắt đầu");
        if (Blank(r.Place, 300)) problems.Add("địa điểm (tối đa 300 ký tự)");
        if (Blank(r.Chair?.Name, 200)) problems.Add("họ tên người chủ trì");
        if (Blank(r.Secretary?.Name, 200)) problems.Add("họ tên thư ký");
        if (r.Attendees is not { Count: > 0 and <= MaxAttendees } || r.Attendees.Any(a => Blank(a.Name, 200)))
            problems.Add($"thành phần tham dự (từ 1 đến {MaxAttendees} người, mỗi người có họ tên)");
        var votes = r.Votes;
        if (votes is null || votes.Agree is not >= 0 || votes.Disagree is < 0 || votes.Abstain is < 0)
            problems.Add("kết quả biểu quyết (số phiếu tán thành, không tán thành, không biểu quyết: số không âm)");
        else if ((votes.Agree ?? 0) + (votes.Disagree ?? 0) + (votes.Abstain ?? 0) > (r.Attendees?.Count ?? 0))
            problems.Add("tổng số phiếu biểu quyết không được vượt số người tham dự");
        if (unitsOwn && (r.Attendees ?? []).Any(a => roles!.All(role => role.Id != a.Role)))
            problems.Add($"thành phần tham dự: mỗi người cần ghi là đại diện của ai, một trong: {string.Join("; ", roles!.Select(role => DocumentKinds.LowerFirst(role.Name)))}");
        else if (unitsOwn && roles!.Where(role => role.Required && (r.Attendees ?? []).All(a => a.Role != role.Id)).ToList() is { Count: > 0 } absent)
            problems.Add($"thành phần tham dự phải có {Listed(absent)} (khoản 1 Điều 9 Thông tư số 124/2021/TT-BCA)");
        if (Blank(r.Conclusion, 4000)) problems.Add("kết luận của cuộc họp (tối đa 4.000 ký tự)");
        foreach (var person in new[] { r.Chair, r.Secretary }.Concat(r.Attendees ?? []))
            if (person?.Title is { Length: > 300 }) { problems.Add("chức vụ tối đa 300 ký tự"); break; }
        return problems.Count == 0 ? null : (unitsOwn ? "Biên bản cuộc họp đánh giá còn thiếu hoặc sai: " : "Biên bản họp xét còn thiếu hoặc sai: ") + string.Join("; ", problems) + ".";
    }

    /// <summary>Roles as running text: "đại diện Công an cơ sở và đại diện cơ quan có thẩm quyền quản lý".</summary>
    public static string Listed(IEnumerable<MeetingRoleView> roles) => string.Join(" và ", roles.Select(role => DocumentKinds.LowerFirst(role.Name)));

    private static bool Blank(string? text, int max) => string.IsNullOrWhiteSpace(text) || text.Trim().Length > max;

    private MeetingRecord ToRecord(RecordMeetingRequest r, SubmissionRecord record, Account account) => new()
    {
        SubmissionId = record.Id, UnitId = account.ScopeUnit.Id,
        StartAt = FromVietnam(r.Start!.Value), EndAt = r.End is { } end ? FromVietnam(end) : null,
        Place = r.Place!.Trim(), ChairName = r.Chair!.Name!.Trim(), ChairTitle = r.Chair.Title?.Trim() ?? "",
        SecretaryName = r.Secretary!.Name!.Trim(), SecretaryTitle = r.Secretary.Title?.Trim() ?? "",
        AttendeesJson = JsonSerializer.Serialize(r.Attendees!.Select(a => new MeetingPersonDto(a.Name!.Trim(), a.Title?.Trim() ?? "", a.Role)).ToList(), SubmissionEvaluator.Json),
        VotesAgree = r.Votes!.Agree ?? 0, VotesDisagree = r.Votes.Disagree ?? 0, VotesAbstain = r.Votes.Abstain ?? 0,
        Conclusion = r.Conclusion!.Trim(), RecordedById = account.UserId, RecordedByName = account.Name, RecordedAt = time.GetUtcNow(),
    };

    // Stored in UTC (PostgreSQL's timestamptz takes no other offset); shown and printed in Vietnam time.
    private static DateTimeOffset FromVietnam(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, VietnamTime.Zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    public static DateTime ToVietnam(DateTimeOffset at) => VietnamTime.At(at).DateTime;

    public static IReadOnlyList<MeetingPersonDto> Attendees(MeetingRecord m) =>
        JsonSerializer.Deserialize<List<MeetingPersonDto>>(m.AttendeesJson, SubmissionEvaluator.Json) ?? [];

    /// <summary>The meeting as the template model reads it; <paramref name="dossierUnitId"/> tells the unit's own meeting from the reviewing level's,
    /// <paramref name="kindId"/> (the dossier unit's kind) words the attendees' roles as the law does for that kind.</summary>
    public static MeetingInfo? ToInfo(MeetingRecord? m, int dossierUnitId, string kindId) => m is null ? null : new MeetingInfo(
        ToVietnam(m.StartAt), m.EndAt is { } end ? ToVietnam(end) : null, m.Place,
        new MeetingPerson(m.ChairName, m.ChairTitle), new MeetingPerson(m.SecretaryName, m.SecretaryTitle),
        Attendees(m).Select(a => new MeetingPerson(a.Name ?? "", a.Title ?? "", MeetingRoles.Name(a.Role, kindId))).ToList(),
        new MeetingVotes(m.VotesAgree, m.VotesDisagree, m.VotesAbstain), m.Conclusion) { HeldByUnit = m.UnitId == dossierUnitId };

    /// <summary>The meeting as shown; one held by another unit than the dossier's was the reviewing level's (the old procedure).</summary>
    public static MeetingView View(MeetingRecord m, int dossierUnitId) => new(m.Id, m.UnitId, ToVietnam(m.StartAt), m.EndAt is { } end ? ToVietnam(end) : null, m.Place,
        new MeetingPersonDto(m.ChairName, m.ChairTitle), new MeetingPersonDto(m.SecretaryName, m.SecretaryTitle), Attendees(m),
        new MeetingVotesDto(m.VotesAgree, m.VotesDisagree, m.VotesAbstain), m.Conclusion, m.RecordedByName, m.RecordedAt)
    { OldProcedure = m.UnitId != dossierUnitId };
}
