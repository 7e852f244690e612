using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Features.Packs;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Documents;

/// <summary>
/// The unit's own assessment meeting (TT124 Điều 9 khoản 1, khoản 2 điểm b): with a pack whose minutes are
/// <c>requiredAtSubmit</c>, the commune records its meeting (attendees by role), the minutes are issued by the
/// commune in its dossier, and sending is refused while they are missing. The class activates its own copy of
/// the commune pack (its own database).
/// </summary>
public sealed class UnitMeetingTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Version = "90.0.0-hop-don-vi";

    private static object Meeting(bool withPolice = true, bool withRoles = true) => new
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

    private async Task ActivateCopyRequiringMinutesAsync()
    {
        var source = Path.Combine(RepoPaths.Root, "criteria-packs", Samples.CommunePack);
        var folder = Path.Combine(factory.DataDirectory, "pack-minutes-required");
        if (Directory.Exists(folder)) return;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "pack.json")))!;
        manifest["version"] = Version;
        foreach (var document in manifest["documents"]!.AsArray())
            if (document!["id"]!.GetValue<string>() == "bien-ban-hop-xet") document["requiredAtSubmit"] = true;
        await File.WriteAllTextAsync(Path.Combine(folder, "pack.json"), manifest.ToJsonString());
        await factory.WithServicesAsync(async s =>
        {
            var registry = s.GetRequiredService<PackRegistry>();
            Assert.IsType<UploadOutcome.Created>(await registry.ImportFolderAsync(folder));
            Assert.NotNull(await registry.ActivateAsync(Samples.CommunePack, Version, "test"));
        });
    }

    [Fact]
    public async Task CommuneHoldsItsMeeting_MinutesInItsDossier_SubmitRefusedWithoutThem()
    {
        var world = await factory.WorldAsync();
        await ActivateCopyRequiringMinutesAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
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
        var text = DocumentHttp.Text(await commune.BytesAsync(id, "bien-ban-hop-xet"));
        Assert.Contains("ỦY BAN NHÂN DÂN PHƯỜNG TÂN PHONG", text, StringComparison.Ordinal);
        Assert.Contains("Cuộc họp đánh giá tình hình, kết quả thực hiện các tiêu chí của phường Tân Phong", text, StringComparison.Ordinal);
        Assert.Contains("08 giờ 00 phút, ngày 03 tháng 10 năm 2025", text, StringComparison.Ordinal);
        Assert.Contains("Hội trường Ủy ban nhân dân phường Tân Phong", text, StringComparison.Ordinal);
        Assert.Contains("Võ Văn Em", text, StringComparison.Ordinal);
        Assert.Contains("thống nhất đề nghị công nhận", text, StringComparison.Ordinal);

        var submitted = await (await commune.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.Status());
        // Sent: the meeting is the dossier's, no longer recorded again by anyone.
        await (await commune.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting())).ExpectAsync(HttpStatusCode.Conflict);
        await (await district.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting())).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.False((await district.DocumentsAsync(id)).GetProperty("canRecordMeeting").GetBoolean());
    }
}
