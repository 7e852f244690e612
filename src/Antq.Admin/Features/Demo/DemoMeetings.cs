using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Admin.Features.Demo;

/// <summary>A demo dossier as stored, with the pack it is pinned to.</summary>
internal sealed record DemoDossier(SubmissionRecord Record, Unit Unit, CompiledPack Pack);

/// <summary>
/// The unit's own assessment meeting of every demo dossier that went up (TT124 Điều 9 khoản 1, khoản 2 điểm b): where the
/// dossier's pack requires the minutes at submission (<see cref="Meetings.HeldByUnit"/>), the unit held its meeting two
/// days before sending, with the attendees the law names for its kind (a commune's Ban Chỉ đạo, a khu dân cư chaired by
/// its head, an agency, enterprise or school with its managing authority), and the minutes are issued by the unit through
/// the document machinery (its registry number, verification code, HTML and DOCX), in the seeder's transaction — as the
/// unit's account does on the form page. They are dated the day of the meeting, not the day the demo was seeded: the
/// issuer works on a clock set to the end of the meeting.
/// </summary>
internal sealed class DemoMeetings(AntqDbContext db, IServiceProvider services, TimeProvider time)
{
    /// <summary>Adds the meetings and issues their minutes; returns how many minutes were issued.</summary>
    public async Task<int> AddAsync(IReadOnlyList<DemoDossier> dossiers, IReadOnlyDictionary<string, (AppUser User, string Role)> actors, DemoHierarchy hierarchy)
    {
        var issued = 0;
        foreach (var (dossier, index) in dossiers.Select((d, i) => (d, i)))
        {
            var (record, unit, pack) = dossier;
            if (record.Status == SubmissionStatus.Draft || record.SubmittedAt is not { } sent || !Meetings.HeldByUnit(pack)) continue;
            var recorder = Recorder(unit, actors, hierarchy);
            var meeting = Meeting(record, unit, Meetings.OwnMinutes(pack)!, sent, index, recorder);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            var issuer = ActivatorUtilities.CreateInstance<DocumentIssuer>(services, (TimeProvider)new MeetingClock(meeting.EndAt!.Value));
            foreach (var order in DocumentIssuer.OrdersFor(pack, DocumentStep.Meeting, unit, meeting))
            {
                if (await issuer.IssueInTransactionAsync(recorder, record, pack, order, CancellationToken.None) is { } failure)
                    throw new InvalidOperationException($"Demo: the minutes of {unit.Name} were not issued: {failure.Detail}");
                issued++;
            }
        }
        return issued;
    }

    /// <summary>The unit's own account records its meeting; a demo commune without one has it entered by the demo's administrator for the unit.</summary>
    private static Account Recorder(Unit unit, IReadOnlyDictionary<string, (AppUser User, string Role)> actors, DemoHierarchy hierarchy)
    {
        var own = DemoAccounts.All.FirstOrDefault(a => a.Role == Roles.UnitUser && a.Unit(hierarchy).Id == unit.Id);
        var (user, role) = actors[own?.Email ?? DemoAccounts.Admin];
        return new Account(user.Id, user.DisplayName, role, unit);
    }

    // Four names a turn, so neighbouring communes do not share their officials.
    private static readonly string[] Names =
    [
        "Nguyễn Văn Bình", "Trần Thị Hạnh", "Lê Minh Châu", "Phạm Quốc Dũng", "Võ Thị Em", "Hoàng Văn Giang",
        "Đặng Thị Hồng", "Bùi Văn Khánh", "Đỗ Thị Lan", "Huỳnh Văn Minh", "Ngô Thị Nga", "Dương Văn Phúc",
    ];

    private MeetingRecord Meeting(SubmissionRecord record, Unit unit, Antq.FormEngine.Packs.DocumentRef minutes, DateTimeOffset sent, int index, Account recorder)
    {
        string Name(int i) => Names[(index * 4 + i) % Names.Length];
        var place = DongNai.InRunningText(unit.Name);
        var offered = MeetingRoles.For(unit.KindId, minutes.RequiredRoles).Select(r => r.Id).ToHashSet();
        var attendees = Attendees(unit.KindId, place, Name).Where(a => offered.Contains(a.Role!)).ToList();
        // A role the pack requires beyond the law's list for the kind is still represented.
        attendees.AddRange(minutes.RequiredRoles.Where(role => attendees.All(a => a.Role != role))
            .Select((role, i) => new MeetingPersonDto(Name(6 + i), MeetingRoles.Name(role, unit.KindId), role)));
        // 08:00–10:00 in Vietnam (UTC+7), two days before the dossier was sent.
        var start = new DateTimeOffset(sent.UtcDateTime.Date.AddDays(-2).AddHours(1), TimeSpan.Zero);
        return new MeetingRecord
        {
            SubmissionId = record.Id, UnitId = unit.Id, StartAt = start, EndAt = start.AddHours(2),
            Place = unit.KindId == "khu-dan-cu" ? $"Nhà văn hóa {place}" : DocumentKinds.CommuneKinds.Contains(unit.KindId) ? $"Hội trường Ủy ban nhân dân {place}" : $"Hội trường {place}",
            ChairName = attendees[0].Name!, ChairTitle = attendees[0].Title!,
            SecretaryName = Name(4), SecretaryTitle = "Công chức Văn phòng - Thống kê",
            AttendeesJson = JsonSerializer.Serialize(attendees, SubmissionEvaluator.Json),
            VotesAgree = attendees.Count, VotesDisagree = 0, VotesAbstain = 0,
            Conclusion = $"Thống nhất kết quả tự đánh giá các tiêu chí của {place} năm {record.Year}; hoàn tất hồ sơ gửi cấp có thẩm quyền thẩm định, xét, công nhận.",
            RecordedById = recorder.UserId, RecordedByName = recorder.Name, RecordedAt = Earlier(start.AddHours(3), time.GetUtcNow()),
        };
    }

    /// <summary>The attendees TT124 Điều 9 khoản 1 names for the kind: a) khu dân cư, c) agency, enterprise, school, b) commune.</summary>
    private static List<MeetingPersonDto> Attendees(string kindId, string place, Func<int, string> name) => kindId switch
    {
        "khu-dan-cu" =>
        [
            new(name(0), $"Trưởng {place}", "chu-tri"),
            new(name(1), $"Bí thư Chi bộ {place}", "cap-uy"),
            new(name(2), $"Trưởng Ban Công tác Mặt trận {place}", "mat-tran"),
            new(name(3), $"Chi hội trưởng Chi hội Phụ nữ {place}", "doan-the"),
            new(name(5), $"Cảnh sát khu vực phụ trách {place}", "cong-an"),
        ],
        _ when DocumentKinds.CommuneKinds.Contains(kindId) =>
        [
            new(name(0), $"Chủ tịch Ủy ban nhân dân {place}, Trưởng Ban Chỉ đạo", "chu-tri"),
            new(name(1), $"Phó Bí thư Đảng ủy {place}", "cap-uy"),
            new(name(2), $"Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam {place}", "mat-tran"),
            new(name(3), $"Bí thư Đoàn Thanh niên {place}", "doan-the"),
            new(name(5), $"Trưởng Công an {place}", "cong-an"),
        ],
        _ =>
        [
            new(name(0), $"Thủ trưởng {place}", "chu-tri"),
            new(name(1), $"Bí thư Chi bộ {place}", "cap-uy"),
            new(name(2), $"Chủ tịch Công đoàn {place}", "doan-the"),
            new(name(3), $"Tổ trưởng Tổ bảo vệ {place}", "bao-ve"),
            new(name(5), "Cán bộ Công an phụ trách địa bàn", "cong-an"),
            new(name(6), "Chuyên viên cơ quan quản lý trực tiếp", "co-quan-quan-ly"),
        ],
    };

    /// <summary>The issuer's clock for one meeting's minutes: they are dated and numbered in the year of the meeting.</summary>
    private sealed class MeetingClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
