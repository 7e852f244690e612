using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// The review meeting (họp xét): recorded by a reviewer of the unit the submission waits on, with
/// the minutes (biên bản họp xét) issued from it in the same transaction. Recording again is a
/// correction: a new meeting record and a new version of the minutes.
/// </summary>
public sealed class Meetings(CurrentAccount current, SubmissionStore store, AntqDbContext db, DocumentIssuer issuer, DocumentQueries queries, TimeProvider time)
{
    private const int MaxAttendees = 200;

    public async Task<Result<SubmissionDocumentsView>> RecordAsync(Guid id, RecordMeetingRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        SubmissionStore.RequireReviewer(account);
        if (!SubmissionStates.IsUnderReview(record.Status)) return SubmissionStates.WrongState(record, "ghi biên bản họp xét");
        if (record.PendingUnitId != account.ScopeUnit.Id)
            throw new AccessDeniedException("Hồ sơ không chờ đơn vị của bạn xét duyệt nên đơn vị không ghi biên bản họp xét được.");
        if (Check(request) is { } invalid) return Refusal.BadRequest(invalid);

        var pack = await store.PinnedPackAsync(record, ct);
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

    private static string? Check(RecordMeetingRequest r)
    {
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
        if (Blank(r.Conclusion, 4000)) problems.Add("kết luận của cuộc họp (tối đa 4.000 ký tự)");
        foreach (var person in new[] { r.Chair, r.Secretary }.Concat(r.Attendees ?? []))
            if (person?.Title is { Length: > 300 }) { problems.Add("chức vụ tối đa 300 ký tự"); break; }
        return problems.Count == 0 ? null : "Biên bản họp xét còn thiếu hoặc sai: " + string.Join("; ", problems) + ".";
    }

    private static bool Blank(string? text, int max) => string.IsNullOrWhiteSpace(text) || text.Trim().Length > max;

    private MeetingRecord ToRecord(RecordMeetingRequest r, SubmissionRecord record, Account account) => new()
    {
        SubmissionId = record.Id, UnitId = account.ScopeUnit.Id,
        StartAt = FromVietnam(r.Start!.Value), EndAt = r.End is { } end ? FromVietnam(end) : null,
        Place = r.Place!.Trim(), ChairName = r.Chair!.Name!.Trim(), ChairTitle = r.Chair.Title?.Trim() ?? "",
        SecretaryName = r.Secretary!.Name!.Trim(), SecretaryTitle = r.Secretary.Title?.Trim() ?? "",
        AttendeesJson = JsonSerializer.Serialize(r.Attendees!.Select(a => new MeetingPersonDto(a.Name!.Trim(), a.Title?.Trim() ?? "")).ToList(), SubmissionEvaluator.Json),
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

    /// <summary>The meeting as the template model reads it.</summary>
    public static MeetingInfo? ToInfo(MeetingRecord? m) => m is null ? null : new MeetingInfo(
        ToVietnam(m.StartAt), m.EndAt is { } end ? ToVietnam(end) : null, m.Place,
        new MeetingPerson(m.ChairName, m.ChairTitle), new MeetingPerson(m.SecretaryName, m.SecretaryTitle),
        Attendees(m).Select(a => new MeetingPerson(a.Name ?? "", a.Title ?? "")).ToList(),
        new MeetingVotes(m.VotesAgree, m.VotesDisagree, m.VotesAbstain), m.Conclusion);

    public static MeetingView View(MeetingRecord m) => new(m.Id, m.UnitId, ToVietnam(m.StartAt), m.EndAt is { } end ? ToVietnam(end) : null, m.Place,
        new MeetingPersonDto(m.ChairName, m.ChairTitle), new MeetingPersonDto(m.SecretaryName, m.SecretaryTitle), Attendees(m),
        new MeetingVotesDto(m.VotesAgree, m.VotesDisagree, m.VotesAbstain), m.Conclusion, m.RecordedByName, m.RecordedAt);
}
