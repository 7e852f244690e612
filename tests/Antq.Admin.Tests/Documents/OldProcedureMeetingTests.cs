using System.Net;
using System.Net.Http.Json;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Documents;

/// <summary>
/// The procedure the system had first, kept for packs whose minutes are not <c>requiredAtSubmit</c>: the reviewing level the
/// dossier waits at holds the "họp xét" and issues the minutes in its own registry. The class activates its own copy of
/// qd9745.xa without the requirement (its own database); the shipped version requires the unit's own meeting.
/// </summary>
public sealed class OldProcedureMeetingTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Version = "90.0.0-hop-xet";

    [Fact]
    public async Task RecordMeeting_ReviewerWhereItWaits_IssuesMinutesInReviewersRegistry()
    {
        var world = await factory.WorldAsync();
        await factory.ActivateEditedCopyAsync(DocumentHttp.Pack, Version, manifest =>
        {
            foreach (var document in manifest["documents"]!.AsArray())
                document!.AsObject().Remove("requiredAtSubmit");
        });
        var (commune, district) = (await TestWorld.LoginAsync(factory, "xa-a1@test.vn"), await TestWorld.LoginAsync(factory, "huyen-a@test.vn"));
        var id = await commune.SubmitAsync(world.CommuneA1);

        var unitTries = await (await commune.PostAsJsonAsync($"/api/submissions/{id}/meeting", DocumentHttp.Meeting())).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.False(string.IsNullOrEmpty(unitTries.GetProperty("detail").GetString()));
        var otherDistrict = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        await (await otherDistrict.PostAsJsonAsync($"/api/submissions/{id}/meeting", DocumentHttp.Meeting())).ExpectAsync(HttpStatusCode.NotFound);
        var invalid = await (await district.PostAsJsonAsync($"/api/submissions/{id}/meeting", new { place = "" })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("địa điểm", invalid.GetProperty("detail").GetString());
        Assert.Empty((await district.VersionsAsync(id, "bien-ban-hop-xet")));

        var recorded = await (await district.PostAsJsonAsync($"/api/submissions/{id}/meeting", DocumentHttp.Meeting())).ExpectAsync(HttpStatusCode.OK);
        var meeting = Assert.Single(recorded.GetProperty("meetings").EnumerateArray());
        Assert.Equal(world.DistrictA.Id, meeting.GetProperty("unitId").GetInt32());
        // The pack still has the reviewing level hold the meeting (no minutes requiredAtSubmit): shown as the old procedure's.
        Assert.True(meeting.GetProperty("oldProcedure").GetBoolean());
        var minutes = recorded.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("documentId").GetString() == "bien-ban-hop-xet");
        Assert.Equal(world.DistrictA.Id, minutes.GetProperty("issuerUnitId").GetInt32());
        Assert.Matches(@"^\d{2}/BB-BCĐ$", minutes.GetProperty("number").GetString()!);
        var text = DocumentHttp.Text(await district.BytesAsync(id, "bien-ban-hop-xet"));
        Assert.Contains("Hội trường Công an thành phố Biên Hòa", text);
        Assert.Contains("14 giờ 00 phút, ngày 03 tháng 10 năm 2025", text);
        Assert.Contains("Thống nhất đề nghị công nhận", text);
        // The header names the reviewing level that holds the meeting, not the commune under review.
        var issuer = ("Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc " + char.ToLowerInvariant(world.DistrictA.Name[0]) + world.DistrictA.Name[1..]).ToUpperInvariant();
        Assert.Contains(issuer, text);
        Assert.DoesNotContain(("Ủy ban nhân dân " + char.ToLowerInvariant(world.CommuneA1.Name[0]) + world.CommuneA1.Name[1..]).ToUpperInvariant(), text);
        // The unit sees the minutes of its own submission too.
        Assert.Single(await commune.VersionsAsync(id, "bien-ban-hop-xet"));

        // A corrected meeting is a new record and a new version of the minutes.
        var again = await (await district.PostAsJsonAsync($"/api/submissions/{id}/meeting", DocumentHttp.Meeting(agree: 4))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, again.GetProperty("meetings").GetArrayLength());
        var versions = await district.VersionsAsync(id, "bien-ban-hop-xet");
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()).ToArray());
    }
}
