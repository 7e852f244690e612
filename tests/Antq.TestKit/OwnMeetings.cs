using System.Net.Http.Json;
using System.Text.Json;

namespace Antq.TestKit;

/// <summary>
/// The unit's own assessment meeting, as its account records it through the API before sending its dossier (TT124 Điều 9
/// khoản 1, khoản 2 điểm b): the shipped commune packs require its minutes at submission, so every test that sends a dossier
/// of them holds the meeting first. Tests of the refusal itself send without it.
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
        using var recorded = await unit.PostAsJsonAsync($"/api/submissions/{id}/meeting", Body());
        if (!recorded.IsSuccessStatusCode)
            throw new InvalidOperationException($"The unit's meeting was refused ({(int)recorded.StatusCode}): {await recorded.Content.ReadAsStringAsync()}");
    }

    /// <summary>A commune's own meeting as its unit records it: attendees by whom they represent, the Công an cơ sở among them.</summary>
    public static object Body(bool withPolice = true, bool withRoles = true) => new
    {
        start = "2025-10-03T08:00:00",
        end = "2025-10-03T10:00:00",
        place = "Hội trường Ủy ban nhân dân phường Tân Phong",
        chair = new { name = "Nguyễn Văn Bình", title = "Chủ tịch Ủy ban nhân dân phường" },
        secretary = new { name = "Lê Thị Hoa", title = "Công chức Văn phòng - Thống kê" },
        attendees = new[]
        {
            new { name = "Nguyễn Văn Bình", title = "Chủ tịch Ủy ban nhân dân phường", role = withRoles ? "chu-tri" : null },
            new { name = "Trần Văn Cường", title = "Phó Bí thư Đảng ủy phường", role = withRoles ? "cap-uy" : null },
            new { name = "Phạm Thị Dung", title = "Chủ tịch Ủy ban Mặt trận Tổ quốc phường", role = withRoles ? "mat-tran" : null },
            new { name = "Võ Văn Em", title = withPolice ? "Trưởng Công an phường" : "Bí thư Đoàn phường", role = withRoles ? (withPolice ? "cong-an" : "doan-the") : null },
        },
        votes = new { agree = 4, disagree = 0, abstain = 0 },
        conclusion = "Phường đạt các tiêu chí; thống nhất đề nghị công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025.",
    };
}
