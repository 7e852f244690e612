using System.Net;
using System.Net.Http.Json;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Documents;

/// <summary>
/// The unit's own assessment meeting (TT124 Điều 9 khoản 1, khoản 2 điểm b): with the shipped commune pack, whose minutes
/// are <c>requiredAtSubmit</c>, the commune records its meeting (attendees by role), the minutes are issued by the
/// commune in its dossier, sending is refused while they are missing, and the reviewing level's appraisal issues the
/// appraisal report the pack declares. The class first activates its own copy of the commune pack without the
/// requirement, to show minutes of the old procedure are kept (its own database).
/// </summary>
public sealed class UnitMeetingTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Version = "90.0.0-thu-tuc-cu";

    private static object Meeting(bool withPolice = true, bool withRoles = true) => OwnMeetings.Body(withPolice, withRoles);

    // The procedure the system had first: a copy of the shipped pack whose minutes are not required at submission.
    private Task ActivateCopyOfOldProcedureAsync() =>
        factory.ActivateEditedCopyAsync(Samples.CommunePack, Version, manifest =>
        {
            foreach (var document in manifest["documents"]!.AsArray())
                if (document!["id"]!.GetValue<string>() == "bien-ban-hop-xet") document.AsObject().Remove("requiredAtSubmit");
        });

    [Fact]
    public async Task CommuneHoldsItsMeeting_MinutesInItsDossier_SubmitRefusedWithoutThem()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        // Before the pack required the unit's minutes: the district holds the meeting for a dossier waiting at it (the old procedure).
        await ActivateCopyOfOldProcedureAsync();
        var neighbour = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var old = await neighbour.CreateSubmissionAsync(world.CommuneA2, Samples.CommunePack, 2025, Samples.ValidCommune);
        await (await neighbour.ActAsync(old, "submit")).ExpectAsync(HttpStatusCode.OK);
        await (await district.PostAsJsonAsync($"/api/submissions/{old}/meeting", DocumentHttp.Meeting())).ExpectAsync(HttpStatusCode.OK);
        var oldMinutes = Assert.Single(await district.VersionsAsync(old, "bien-ban-hop-xet"));

        await factory.ActivateShippedAsync(Samples.CommunePack); // the shipped commune pack requires them
        var id = await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2025, Samples.ValidCommune);

        var missing = await (await commune.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("thiếu «Biên bản", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("điểm b khoản 2 Điều 9", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var documents = await commune.DocumentsAsync(id);
        Assert.True(documents.GetProperty("canRecordMeeting").GetBoolean());
        Assert.True(documents.GetProperty("meetingByUnit").GetBoolean());

        await (await district.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting())).ExpectAsync(HttpStatusCode.Forbidden);
        var noRoles = await (await commune.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting(withRoles: false))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("đại diện của ai", noRoles.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var noPolice = await (await commune.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting(withPolice: false))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Công an cơ sở", noPolice.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var recorded = await (await commune.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting())).ExpectAsync(HttpStatusCode.OK);
        var meeting = Assert.Single(recorded.GetProperty("meetings").EnumerateArray());
        Assert.Equal(world.CommuneA1.Id, meeting.GetProperty("unitId").GetInt32());
        Assert.False(meeting.GetProperty("oldProcedure").GetBoolean());
        Assert.Equal("cong-an", meeting.GetProperty("attendees")[3].GetProperty("role").GetString());
        var minutes = recorded.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("documentId").GetString() == "bien-ban-hop-xet");
        Assert.Equal(world.CommuneA1.Id, minutes.GetProperty("issuerUnitId").GetInt32());
        Assert.Matches(@"^\d{2}/BB-UBND$", minutes.GetProperty("number").GetString()!);
        var text = HtmlLines.Of(DocumentHttp.Text(await commune.BytesAsync(id, "bien-ban-hop-xet")));
        Assert.Contains("ỦY BAN NHÂN DÂN PHƯỜNG TÂN PHONG", text);
        var title = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "criteria-packs", Samples.CommunePack, "pack.json")))!["title"]!.GetValue<string>();
        var packTitle = char.ToLowerInvariant(title[0]) + title[1..];
        Assert.Equal(
        [
            "BIÊN BẢN",
            $"Cuộc họp đánh giá tình hình, kết quả thực hiện các tiêu chí của phường Tân Phong theo {packTitle} năm 2025",
            "Thời gian bắt đầu: 08 giờ 00 phút, ngày 03 tháng 10 năm 2025.",
            "Địa điểm: Hội trường Ủy ban nhân dân phường Tân Phong.",
            "Chủ trì: Nguyễn Văn Bình - Chủ tịch Ủy ban nhân dân phường.",
            "Thư ký: Lê Thị Hoa - Công chức Văn phòng - Thống kê.",
            "Thành phần tham dự (4 người):",
            "1. Nguyễn Văn Bình - Chủ tịch Ủy ban nhân dân phường (người đứng đầu đơn vị, chủ trì cuộc họp);",
            "2. Trần Văn Cường - Phó Bí thư Đảng ủy phường (đại diện cấp ủy Đảng);",
            "3. Phạm Thị Dung - Chủ tịch Ủy ban Mặt trận Tổ quốc phường (đại diện Mặt trận Tổ quốc);",
            "4. Võ Văn Em - Trưởng Công an phường (đại diện Công an cơ sở).",
        ], HtmlLines.Section(text, "BIÊN BẢN", "NỘI DUNG CUỘC HỌP"));
        Assert.Equal(
        [
            "2. Các thành viên dự họp thảo luận, cho ý kiến và biểu quyết. Kết quả biểu quyết:",
            "- Tán thành: 4/4 người;",
            "- Không tán thành: 0/4 người;",
            "- Không biểu quyết: 0/4 người.",
            "3. Kết luận: Phường đạt các tiêu chí; thống nhất đề nghị công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025.",
            "Cuộc họp kết thúc vào lúc 10 giờ 00 phút cùng ngày. Biên bản đã được đọc lại cho các thành viên dự họp nghe và thống nhất thông qua./.",
            "THƯ KÝ",
            "Lê Thị Hoa",
            "|",
            "CHỦ TRÌ",
            "Nguyễn Văn Bình",
            "Nơi nhận:",
            "- Thành phố Biên Hòa;",
            "- Lưu: VT, hồ sơ.",
            "|",
        ], HtmlLines.Section(text, "2. Các thành viên", "Mã xác thực:"));

        // The district's minutes of the older dossier stay as issued (same number, one version) and are shown as the old procedure's.
        var kept = await neighbour.DocumentsAsync(old);
        Assert.True(Assert.Single(kept.GetProperty("meetings").EnumerateArray()).GetProperty("oldProcedure").GetBoolean());
        var keptMinutes = Assert.Single(kept.GetProperty("documents").EnumerateArray(), d => d.GetProperty("documentId").GetString() == "bien-ban-hop-xet");
        Assert.Equal(oldMinutes.GetProperty("number").GetString(), keptMinutes.GetProperty("number").GetString());
        Assert.Equal(world.DistrictA.Id, keptMinutes.GetProperty("issuerUnitId").GetInt32());
        Assert.Equal(1, keptMinutes.GetProperty("version").GetInt32());

        var submitted = await (await commune.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.Status());
        // Sent: the meeting is the dossier's, no longer recorded again by anyone.
        await (await commune.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting())).ExpectAsync(HttpStatusCode.Conflict);
        await (await district.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting())).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.False((await district.DocumentsAsync(id)).GetProperty("canRecordMeeting").GetBoolean());

        // The district appraises the dossier it received: the shipped pack declares the appraisal report, issued by the district.
        var appraised = await (await district.PostAsJsonAsync($"/api/submissions/{id}/appraisal", DocumentHttp.Appraisal(await commune.ReadSubmissionAsync(id)))).ExpectAsync(HttpStatusCode.OK);
        var report = Assert.Single(appraised.GetProperty("documents").EnumerateArray(), d => d.GetProperty("documentId").GetString() == "bao-cao-tham-dinh");
        Assert.Equal(world.DistrictA.Id, report.GetProperty("issuerUnitId").GetInt32());
        Assert.Matches(@"^\d{2}/BC-BCĐ$", report.GetProperty("number").GetString()!);
        Assert.Contains("Trần Văn Bình - Phó Trưởng Công an thành phố.", HtmlLines.Of(DocumentHttp.Text(await commune.BytesAsync(id, "bao-cao-tham-dinh"))));
    }
}
