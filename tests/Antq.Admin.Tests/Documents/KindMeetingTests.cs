using System.Net;
using System.Net.Http.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Documents;

/// <summary>
/// Every kind of unit holds its own assessment meeting (TT124 Điều 9 khoản 1): a) a khu dân cư, chaired by its head with the
/// chi bộ, the Ban Công tác Mặt trận, the mass organisations and the Công an cấp cơ sở, its dossier appraised by the commune;
/// c) an agency, enterprise or school, chaired by its head with the party committee, unions, protection force, Công an cơ
/// sở and the authority managing it — the shipped packs require the minutes before the dossier is sent.
/// </summary>
public sealed class KindMeetingTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string AreaPack = "tt124.khu-dan-cu";
    private const string AgencyPack = "tt124.co-quan-doanh-nghiep";

    /// <summary>A unit under <paramref name="parent"/> and a unit account for it; with <paramref name="reviewerEmail"/>, a reviewer of the parent too.</summary>
    private Task<Unit> AddUnitAsync(Unit parent, string code, string name, string kind, string email, string? reviewerEmail = null) =>
        factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var unit = new Unit { Code = code, Name = name, KindId = kind, LevelId = "unit", ParentId = parent.Id, Depth = parent.Depth + 1 };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            unit.Path = $"{parent.Path}{unit.Id}/";
            await db.SaveChangesAsync();
            foreach (var (login, role, of) in new[] { (email, Roles.UnitUser, unit), (reviewerEmail, Roles.Reviewer, parent) })
            {
                if (login is null) continue;
                var user = new AppUser { UserName = login, Email = login, EmailConfirmed = true, DisplayName = login, UnitId = of.Id };
                Assert.True((await users.CreateAsync(user, TestWorld.Password)).Succeeded);
                await users.AddToRoleAsync(user, role);
            }
            return unit;
        });

    private static object Meeting(string place, object chair, object[] attendees) => new
    {
        start = "2025-09-20T19:30:00",
        end = "2025-09-20T21:00:00",
        place,
        chair,
        secretary = new { name = "Lý Thị Mai", title = "Tổ trưởng tổ dân phố số 3" },
        attendees,
        votes = new { agree = attendees.Length, disagree = 0, abstain = 0 },
        conclusion = "Khu phố đạt các tiêu chí; thống nhất đề nghị Ủy ban nhân dân phường công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025.",
    };

    private static readonly object[] AreaAttendees =
    [
        new { name = "Trần Văn Tâm", title = "Trưởng khu phố 5", role = "chu-tri" },
        new { name = "Nguyễn Thị Thu", title = "Bí thư Chi bộ khu phố 5", role = "cap-uy" },
        new { name = "Phan Văn Lộc", title = "Trưởng Ban Công tác Mặt trận khu phố 5", role = "mat-tran" },
        new { name = "Đỗ Thị Hiền", title = "Chi hội trưởng Chi hội Phụ nữ khu phố 5", role = "doan-the" },
        new { name = "Võ Văn Em", title = "Cảnh sát khu vực, Công an phường Tân Phong", role = "cong-an" },
    ];

    [Fact]
    public async Task ResidentialArea_RefusedWithoutItsMinutes_HoldsItsMeeting_CommuneAppraises()
    {
        var world = await factory.WorldAsync();
        var area = await AddUnitAsync(world.CommuneA1, "25993-KP05", "Khu phố 5", "khu-dan-cu", "kp5@test.vn", "xa-a1-xet@test.vn");
        var unit = await TestWorld.LoginAsync(factory, "kp5@test.vn");
        var commune = await TestWorld.LoginAsync(factory, "xa-a1-xet@test.vn");
        var id = await unit.CreateSubmissionAsync(area, AreaPack, 2025, Samples.Data(AreaPack, "01-dat-tat-ca.json"));

        var missing = await (await unit.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("thiếu «Biên bản cuộc họp đánh giá tình hình, kết quả thực hiện các tiêu chí»", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Điều 9 Thông tư số 124/2021/TT-BCA", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The composition of point a: the chi bộ and the Ban Công tác Mặt trận, no protection force or managing authority.
        var roles = (await unit.DocumentsAsync(id)).GetProperty("meetingRoles").EnumerateArray().ToList();
        Assert.Equal(["chu-tri", "cap-uy", "mat-tran", "doan-the", "cong-an", "khac"], roles.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["cong-an"], roles.Where(r => r.GetProperty("required").GetBoolean()).Select(r => r.GetProperty("id").GetString()));

        var chair = new { name = "Trần Văn Tâm", title = "Trưởng khu phố 5" };
        var recorded = await (await unit.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting("Nhà văn hóa khu phố 5", chair, AreaAttendees))).ExpectAsync(HttpStatusCode.OK);
        var minutes = recorded.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("documentId").GetString() == "bien-ban-hop-xet");
        Assert.Equal(area.Id, minutes.GetProperty("issuerUnitId").GetInt32());
        var text = HtmlLines.Of(DocumentHttp.Text(await unit.BytesAsync(id, "bien-ban-hop-xet")));
        // The area's own document (Nghị định 30 Mẫu 1.9): the commune above it, the area as issuer, no committee sign in the number.
        Assert.Equal(["PHƯỜNG TÂN PHONG", "KHU PHỐ 5"], text.Take(2));
        Assert.Matches(@"^Số: \d{2}/BB$", text[2]);
        Assert.Equal(
        [
            "BIÊN BẢN",
            "Cuộc họp đánh giá tình hình, kết quả thực hiện các tiêu chí của khu phố 5 theo tiêu chuẩn “An toàn về an ninh, trật tự” đối với khu dân cư (Điều 4 Thông tư 124/2021/TT-BCA) năm 2025",
            "Thời gian bắt đầu: 19 giờ 30 phút, ngày 20 tháng 9 năm 2025.",
            "Địa điểm: Nhà văn hóa khu phố 5.",
            "Chủ trì: Trần Văn Tâm - Trưởng khu phố 5.",
            "Thư ký: Lý Thị Mai - Tổ trưởng tổ dân phố số 3.",
            "Thành phần tham dự (5 người):",
            "1. Trần Văn Tâm - Trưởng khu phố 5 (trưởng khu dân cư, chủ trì cuộc họp);",
            "2. Nguyễn Thị Thu - Bí thư Chi bộ khu phố 5 (bí thư chi bộ);",
            "3. Phan Văn Lộc - Trưởng Ban Công tác Mặt trận khu phố 5 (đại diện Ban Công tác Mặt trận);",
            "4. Đỗ Thị Hiền - Chi hội trưởng Chi hội Phụ nữ khu phố 5 (đại diện tổ chức đoàn thể quần chúng);",
            "5. Võ Văn Em - Cảnh sát khu vực, Công an phường Tân Phong (đại diện Công an cấp cơ sở).",
        ], HtmlLines.Section(text, "BIÊN BẢN", "NỘI DUNG CUỘC HỌP"));
        Assert.Equal(["THƯ KÝ", "Lý Thị Mai", "|", "CHỦ TRÌ", "Trần Văn Tâm", "Nơi nhận:", "- Phường Tân Phong;", "- Lưu: VT, hồ sơ.", "|"],
            HtmlLines.Section(text, "THƯ KÝ", "Mã xác thực:"));

        var submitted = await (await unit.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(world.CommuneA1.Id, submitted.PendingUnitId());

        // Point a: the dossier goes to the commune, which appraises it and issues the appraisal report the pack declares.
        var appraised = await (await commune.PostAsJsonAsync($"/api/submissions/{id}/appraisal", DocumentHttp.Appraisal(submitted))).ExpectAsync(HttpStatusCode.OK);
        var report = Assert.Single(appraised.GetProperty("documents").EnumerateArray(), d => d.GetProperty("documentId").GetString() == "bao-cao-tham-dinh");
        Assert.Equal(world.CommuneA1.Id, report.GetProperty("issuerUnitId").GetInt32());
        var reportText = HtmlLines.Of(DocumentHttp.Text(await commune.BytesAsync(id, "bao-cao-tham-dinh")));
        Assert.Equal(
        [
            "BÁO CÁO",
            "Thẩm định hồ sơ đề nghị công nhận khu phố 5 theo tiêu chuẩn “An toàn về an ninh, trật tự” đối với khu dân cư (Điều 4 Thông tư 124/2021/TT-BCA) năm 2025",
        ], HtmlLines.Section(reportText, "BÁO CÁO", "Căn cứ"));
        Assert.Contains("Căn cứ hồ sơ đề nghị công nhận và biên bản cuộc họp đánh giá của khu phố 5,", reportText);
        Assert.Equal(["THÀNH PHỐ BIÊN HÒA", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN PHONG"], reportText.Take(2));
        Assert.Contains("Ủy ban nhân dân phường Tân Phong báo cáo kết quả thẩm định như sau:", reportText);
        Assert.Equal(["Nơi nhận:", "- Khu phố 5;", "- Lưu: VT, hồ sơ.", "|", "CHỦ TỊCH"], HtmlLines.Section(reportText, "Nơi nhận:", "Mã xác thực:"));
    }

    [Fact]
    public async Task Agency_RefusedWithoutItsMinutes_MeetingWithoutItsManagingAuthorityRefused()
    {
        var world = await factory.WorldAsync();
        var agency = await AddUnitAsync(world.DistrictA, "CQ-731-07", "Chi cục Thống kê khu vực Biên Hòa", "co-quan", "cq7@test.vn");
        var unit = await TestWorld.LoginAsync(factory, "cq7@test.vn");
        var id = await unit.CreateSubmissionAsync(agency, AgencyPack, 2025, Samples.Data(AgencyPack, "01-dat-tat-ca.json"));

        var missing = await (await unit.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("thiếu «Biên bản cuộc họp đánh giá", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var chair = new { name = "Hồ Văn Phong", title = "Chi cục trưởng" };
        object[] without =
        [
            new { name = "Hồ Văn Phong", title = "Chi cục trưởng", role = "chu-tri" },
            new { name = "Mai Thị Xuân", title = "Bí thư Chi bộ", role = "cap-uy" },
            new { name = "Lâm Văn Sơn", title = "Chủ tịch Công đoàn", role = "doan-the" },
            new { name = "Võ Văn Em", title = "Cán bộ Công an phường Tân Phong", role = "cong-an" },
        ];
        var refused = await (await unit.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting("Hội trường Chi cục", chair, without))).ExpectAsync(HttpStatusCode.BadRequest);
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains("thành phần tham dự phải có đại diện cơ quan có thẩm quyền quản lý (khoản 1 Điều 9 Thông tư số 124/2021/TT-BCA)", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Công an cơ sở", detail, StringComparison.Ordinal);
        // The Mặt trận is point a's (a residential area), not in an agency's meeting: recorded as "thành phần khác" if present.
        object[] withFront = [.. without, new { name = "Phạm Thị Dung", title = "Chủ tịch Ủy ban Mặt trận Tổ quốc phường", role = "mat-tran" }];
        var front = await (await unit.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting("Hội trường Chi cục", chair, withFront))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("đại diện của ai", front.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await unit.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        object[] complete = [.. without, new { name = "Đặng Thị Giang", title = "Phó Chi cục trưởng Cục Thống kê", role = "co-quan-quan-ly" }];
        await (await unit.PostAsJsonAsync($"/api/submissions/{id}/meeting", Meeting("Hội trường Chi cục", chair, complete))).ExpectAsync(HttpStatusCode.OK);
        var text = HtmlLines.Of(DocumentHttp.Text(await unit.BytesAsync(id, "bien-ban-hop-xet")));
        Assert.Contains("5. Đặng Thị Giang - Phó Chi cục trưởng Cục Thống kê (đại diện cơ quan có thẩm quyền quản lý).", text);
        Assert.Contains("CHI CỤC THỐNG KÊ KHU VỰC BIÊN HÒA", text);
        var submitted = await (await unit.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.Status());
    }
}
