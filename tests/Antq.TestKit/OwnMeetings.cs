using System.Net.Http.Json;
using System.Text.Json;

namespace Antq.TestKit;

/// <summary>
/// The unit's own assessment meeting, as its account records it through the API before sending its dossier (TT124 Điều 9
/// khoản 1, khoản 2 điểm b): the shipped packs require its minutes at submission, so every test that sends a dossier of them
/// holds the meeting first. Tests of the refusal itself send without it.
/// </summary>
public static class OwnMeetings
{
    /// <summary>Records the meeting when the dossier's pack requires one and the unit has none yet; otherwise does nothing.</summary>
    public static async Task HoldAsync(HttpClient unit, Guid id)
    {
        using var response = await unit.GetAsync($"/api/submissions/{id}/documents");
        if (!response.IsSuccessStatusCode) return; // not a dossier this account may see: the submission answers for itself
        var documents = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!documents.GetProperty("meetingByUnit").GetBoolean() || !documents.GetProperty("canRecordMeeting").GetBoolean()) return;
        if (documents.GetProperty("meetings").EnumerateArray().Any(m => !m.GetProperty("oldProcedure").GetBoolean())) return;
        var roles = documents.GetProperty("meetingRoles").EnumerateArray()
            .Select(r => (Id: r.GetProperty("id").GetString()!, Required: r.GetProperty("required").GetBoolean())).ToList();
        using var recorded = await unit.PostAsJsonAsync($"/api/submissions/{id}/meeting", BodyFor(roles));
        if (!recorded.IsSuccessStatusCode)
            throw new InvalidOperationException($"The unit's meeting was refused ({(int)recorded.StatusCode}): {await recorded.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// The meeting of <see cref="Body"/> fitted to the roles the documents view offers the unit's kind (TT124 Điều 9 khoản 1 a–c):
    /// attendees of roles the kind does not record are left out, one attendee is added for each required role still missing.
    /// </summary>
    public static object BodyFor(IReadOnlyList<(string Id, bool Required)> roles)
    {
        var offered = roles.Select(r => r.Id).ToHashSet();
        var attendees = Attendees(withPolice: true, withRoles: true).Where(a => offered.Contains(a.Role!)).ToList();
        foreach (var (role, _) in roles.Where(r => r.Required && attendees.All(a => a.Role != r.Id)))
            attendees.Add(Extra(role));
        return Body(attendees);
    }

    private static Person Extra(string role) => role switch
    {
        "co-quan-quan-ly" => new("Đặng Thị Giang", "Phó Trưởng phòng, cơ quan quản lý trực tiếp", role),
        "cong-an" => new("Võ Văn Em", "Trưởng Công an phường", role),
        _ => new("Hoàng Văn Hải", "Đại diện", role),
    };

    private sealed record Person(string Name, string Title, string? Role);

    /// <summary>A commune's own meeting as its unit records it: attendees by whom they represent, the Công an cơ sở among them.</summary>
    public static object Body(bool withPolice = true, bool withRoles = true) => Body(Attendees(withPolice, withRoles));

    private static List<Person> Attendees(bool withPolice, bool withRoles) =>
    [
        new("Nguyễn Văn Bình", "Chủ tịch Ủy ban nhân dân phường", withRoles ? "chu-tri" : null),
        new("Trần Văn Cường", "Phó Bí thư Đảng ủy phường", withRoles ? "cap-uy" : null),
        new("Phạm Thị Dung", "Chủ tịch Ủy ban Mặt trận Tổ quốc phường", withRoles ? "mat-tran" : null),
        new("Võ Văn Em", withPolice ? "Trưởng Công an phường" : "Bí thư Đoàn phường", withRoles ? (withPolice ? "cong-an" : "doan-the") : null),
    ];

    private static object Body(List<Person> attendees) => new
    {
        start = "2025-10-03T08:00:00",
        end = "2025-10-03T10:00:00",
        place = "Hội trường Ủy ban nhân dân phường Tân Phong",
        chair = new { name = "Nguyễn Văn Bình", title = "Chủ tịch Ủy ban nhân dân phường" },
        secretary = new { name = "Lê Thị Hoa", title = "Công chức Văn phòng - Thống kê" },
        attendees,
        votes = new { agree = attendees.Count, disagree = 0, abstain = 0 },
        conclusion = "Phường đạt các tiêu chí; thống nhất đề nghị công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025.",
    };
}
