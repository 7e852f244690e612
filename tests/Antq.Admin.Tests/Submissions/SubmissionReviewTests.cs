using System.Net;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Submissions;

/// <summary>The review procedure: submit, endorse up the chain, return with reasons, recognise or not.</summary>
public sealed class SubmissionReviewTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Recognise_CommuneEndorsedByDistrict_Recognised()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        // 2024, a three-level year: tt124.xa's recognition rows give communes to the district until 30/6/2025.
        var id = await commune.CreateSubmissionAsync(world.CommuneB1, Samples.CommunePack, 2024, Samples.ValidCommune);

        var submitted = await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.Status());
        Assert.Equal(world.DistrictB.Id, submitted.PendingUnitId());
        Assert.Contains(id, await district.ListIdsAsync("?pending=true"));

        // tt124.xa is recognised by the district: its endorsement is the last one.
        var approved = await (await district.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.Status());
        Assert.Equal(world.DistrictB.Id, approved.PendingUnitId());

        var recognised = await (await district.ActAsync(id, "recognise", new { decisionNumber = "125/QĐ-BCĐ", decisionDate = "2025-10-10" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("recognised", recognised.Status());
        Assert.Null(recognised.PendingUnitId());
        Assert.Equal("125/QĐ-BCĐ", recognised.GetProperty("decision").GetProperty("number").GetString());
        Assert.Equal("2025-10-10", recognised.GetProperty("decision").GetProperty("date").GetString());
        Assert.DoesNotContain(id, await district.ListIdsAsync("?pending=true"));
    }

    [Fact]
    public async Task Return_WithReasons_UnitFixesResubmitsAndDistrictEndorses()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var id = await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2025, Samples.FailingCommune);
        await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);

        await (await district.ActAsync(id, "return", new { reason = " " })).ExpectAsync(HttpStatusCode.BadRequest);
        await (await district.ActAsync(id, "return", new { reason = "Bổ sung", criteria = new Dictionary<string, string> { ["TC99"] = "?" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var returned = await (await district.ActAsync(id, "return", new
            {
                reason = "Hồ sơ chưa đủ căn cứ",
                criteria = new Dictionary<string, string> { ["TC01"] = "Thiếu nghị quyết của Đảng ủy", ["TC04.a"] = "Số liệu khu dân cư chưa khớp" },
            }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("returned", returned.Status());
        Assert.Null(returned.PendingUnitId());
        var reasons = returned.GetProperty("latestReturn");
        Assert.Equal("Hồ sơ chưa đủ căn cứ", reasons.GetProperty("reason").GetString());
        Assert.Equal("Thiếu nghị quyết của Đảng ủy", reasons.GetProperty("criteria").GetProperty("TC01").GetString());

        var fixedUp = await (await commune.PutSubmissionAsync(id, new { data = Samples.ValidCommune, version = returned.Revision() })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("returned", fixedUp.Status());
        var resubmitted = await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(world.DistrictA.Id, resubmitted.PendingUnitId());
        // 2025: communes are recognised by the province (tt124.xa recognition rows), so the district's endorsement passes it up.
        var endorsed = await (await district.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", endorsed.Status());
        Assert.Equal(world.Province.Id, endorsed.PendingUnitId());
        Assert.Equal("dat", endorsed.GetProperty("outcomeId").GetString());
    }

    [Fact]
    public async Task Submit_InvalidData_UnprocessableAndDraftKept()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var id = await commune.CreateSubmissionAsync(world.CommuneA2, Samples.CommunePack, 2025, Samples.InvalidCommune);

        var problem = await (await commune.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("/tc04/khu_dan_cu/tong_so", paths);
        var stored = await commune.ReadSubmissionAsync(id);
        Assert.Equal("draft", stored.Status());
        Assert.Equal(1, stored.Revision());
        Assert.Equal(-5, stored.GetProperty("data").GetProperty("tc04").GetProperty("khu_dan_cu").GetProperty("tong_so").GetInt32());
    }

    [Fact]
    public async Task Reject_ByRecognisingReviewer_NotRecognised()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        // 2023, a three-level year: the district is the recognising reviewer.
        var id = await commune.CreateSubmissionAsync(world.CommuneB1, Samples.CommunePack, 2023, Samples.FailingCommune);
        await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);

        await (await district.ActAsync(id, "reject", new { })).ExpectAsync(HttpStatusCode.BadRequest);
        var rejected = await (await district.ActAsync(id, "reject", new { reason = "Chưa đạt tiêu chí 1 và 4" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("notRecognised", rejected.Status());
        Assert.Null(rejected.PendingUnitId());
        await (await district.ActAsync(id, "recognise", new { decisionNumber = "1/QĐ", decisionDate = "2025-10-10" })).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Endorse_Draft_ConflictInVietnamese()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var id = await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2027, Samples.ValidCommune);

        var problem = await (await district.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("Hồ sơ đang ở trạng thái «Bản nháp» nên không thể thông qua.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Recognise_ProvincePackForSchool_DistrictEndorsesThenProvinceRecognises()
    {
        var world = await factory.WorldAsync();
        var school = await TestWorld.LoginAsync(factory, "truong-a@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        var id = await school.CreateSubmissionAsync(world.AgencyA, Samples.SchoolPack, 2025, Samples.ValidSchool);
        var submitted = await (await school.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([world.DistrictA.Id, world.Province.Id], submitted.GetProperty("reviewChain").EnumerateArray().Select(u => u.GetProperty("id").GetInt32()));

        // Neither the district may decide a province-recognised pack, nor the province act before the district.
        await (await district.ActAsync(id, "recognise", new { decisionNumber = "1/QĐ", decisionDate = "2025-10-20" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await province.ActAsync(id, "recognise", new { decisionNumber = "1/QĐ", decisionDate = "2025-10-20" })).ExpectAsync(HttpStatusCode.Conflict);
        await (await province.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.Forbidden);

        var endorsed = await (await district.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", endorsed.Status());
        Assert.Equal(world.Province.Id, endorsed.PendingUnitId());
        Assert.Contains(id, await province.ListIdsAsync("?pending=true"));

        var recognised = await (await province.ActAsync(id, "recognise", new { decisionNumber = "300/QĐ-BCĐ", decisionDate = "2025-11-04" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("recognised", recognised.Status());
    }

    [Fact]
    public async Task Submit_TwoLevelHierarchy_ChainEndsAtRoot()
    {
        var world = await factory.WorldAsync();
        var commune = await AddCommuneUnderProvinceAsync(world, "xa-2cap@test.vn");
        var client = await TestWorld.LoginAsync(factory, "xa-2cap@test.vn");
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        var districtA = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var id = await client.CreateSubmissionAsync(commune, Samples.CommunePack, 2025, Samples.ValidCommune);

        // tt124.xa is recognised by a district, and there is none above this commune: the root decides.
        var submitted = await (await client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(world.Province.Id, submitted.PendingUnitId());
        Assert.Equal([world.Province.Id], submitted.GetProperty("reviewChain").EnumerateArray().Select(u => u.GetProperty("id").GetInt32()));
        await (await districtA.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.NotFound);

        var approved = await (await province.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.Status());
        // Issue 18, item 8: a decision dated in the future is refused, in Vietnamese.
        var future = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var refused = await province.ActAsync(id, "recognise", new { decisionNumber = "15/QĐ-BCĐ", decisionDate = future });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("không được sau ngày hôm nay", await refused.Content.ReadAsStringAsync());
        var recognised = await (await province.ActAsync(id, "recognise", new { decisionNumber = "15/QĐ-BCĐ", decisionDate = "2025-10-14" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("recognised", recognised.Status());
    }

    /// <summary>A commune directly under the province (after the 2025 reform), with its own account.</summary>
    private Task<Unit> AddCommuneUnderProvinceAsync(TestWorld world, string email) =>
        factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            var unit = new Unit
            {
                Code = "2CAP-01", Name = "Xã Long Hưng", KindId = "xa", LevelId = "commune",
                ParentId = world.Province.Id, Depth = world.Province.Depth + 1,
            };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            unit.Path = $"{world.Province.Path}{unit.Id}/";
            await db.SaveChangesAsync();
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, UnitId = unit.Id };
            Assert.True((await users.CreateAsync(user, TestWorld.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.UnitUser);
            return unit;
        });
}
