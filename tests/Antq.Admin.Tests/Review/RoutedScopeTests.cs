using System.Net;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Plans;
using Antq.Admin.Infrastructure;
using Antq.Admin.Tests.Reminders;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Review;

/// <summary>
/// Scope, queues and the dashboard follow the dossier's review route: a school located in district A but managed
/// by district B is seen and decided by district B's reviewers (its route is B → province), while district A's
/// reviewers, who see it by geography, do not decide it; nobody else gains anything. The year plan's dates
/// replace the pack's in the queue's due date and on the dashboard; its quotas say who is short.
/// </summary>
public sealed class RoutedScopeTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string SchoolEmail = "truong-b-quan-ly@test.vn";

    /// <summary>A school located under district A, managed by district B, with its own unit account.</summary>
    private async Task<(TestWorld World, Unit School)> ManagedSchoolAsync()
    {
        var world = await factory.WorldAsync();
        var school = await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            if (db.Units.FirstOrDefault(u => u.Code == "CQ-QL-B") is { } existing) return existing;
            var unit = new Unit
            {
                Code = "CQ-QL-B", Name = "Trường THCS Lê Lợi", KindId = "co-so-giao-duc", LevelId = "unit",
                ParentId = world.DistrictA.Id, Depth = world.DistrictA.Depth + 1, ManagingUnitId = world.DistrictB.Id,
            };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            unit.Path = $"{world.DistrictA.Path}{unit.Id}/";
            await db.SaveChangesAsync();
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = SchoolEmail, Email = SchoolEmail, EmailConfirmed = true, DisplayName = SchoolEmail, UnitId = unit.Id };
            Assert.True((await users.CreateAsync(user, TestWorld.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.UnitUser);
            return unit;
        });
        return (world, school);
    }

    private async Task<Guid> SubmittedAsync(Unit school, int year)
    {
        var owner = await TestWorld.LoginAsync(factory, SchoolEmail);
        var id = await owner.CreateSubmissionAsync(school, Samples.SchoolPack, year, Samples.ValidSchool);
        await (await owner.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task ManagingReviewer_SeesAndDecides_GeographicReviewerDoesNotDecide_OthersRefused()
    {
        var (world, school) = await ManagedSchoolAsync();
        var id = await SubmittedAsync(school, 2043);
        var districtA = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var districtB = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");

        // The route starts at the managing district.
        var view = await (await districtB.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(world.DistrictB.Id, view.PendingUnitId());
        Assert.Contains(id, await districtB.ListIdsAsync("?year=2043"));
        await (await districtB.GetAsync($"/api/submissions/{id}/audit")).ExpectAsync(HttpStatusCode.OK);

        // District A still sees it where it lies, but the decision is not its own.
        await (await districtA.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.OK);
        await (await districtA.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.Forbidden);

        await (await districtB.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        Assert.Equal(world.Province.Id, (await province.ReadSubmissionAsync(id)).PendingUnitId());

        // Nothing else widens: district B does not see district A's own school, a commune account does not see the managed school.
        var other = await (await TestWorld.LoginAsync(factory, "truong-a@test.vn")).CreateSubmissionAsync(world.AgencyA, Samples.SchoolPack, 2043, Samples.ValidSchool);
        await (await districtB.GetSubmissionAsync(other)).ExpectAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(other, await districtB.ListIdsAsync("?year=2043"));
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        await (await commune.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await commune.ListIdsAsync());
    }

    [Fact]
    public async Task QueueDueAt_AndDashboard_FollowTheRouteAndThePlan()
    {
        var (world, school) = await ManagedSchoolAsync();
        var id = await SubmittedAsync(school, 2044);

        // Without a plan: district B reviews (reviewed:district, 25/10 in the pack).
        var due = await factory.QueueDueAsync("huyen-b@test.vn", id);
        Assert.Equal(new DateTimeOffset(2044, 10, 25, 0, 0, 0, TimeSpan.FromHours(7)), due);

        // The plan moves district reviews to 20/10 for this pack.
        await factory.WithServicesAsync(services => services.GetRequiredService<YearPlans>().SaveAsync(new YearPlan
        {
            Year = 2044, Number = "12/KH-UBND", IssuedOn = new DateOnly(2044, 3, 1), IssuedBy = "Ủy ban nhân dân tỉnh thử nghiệm", Title = "",
            Deadlines = [new() { PackId = Samples.SchoolPack, Stage = "reviewed:district", DueMonth = 10, DueDay = 20 }],
            Quotas = [new() { AppliesToLevel = "district", UnitKinds = "co-so-giao-duc", Minimum = 1, Text = "mỗi huyện đăng ký ít nhất 01 cơ sở giáo dục" }],
        }));
        Assert.Equal(new DateTimeOffset(2044, 10, 20, 0, 0, 0, TimeSpan.FromHours(7)), await factory.QueueDueAsync("huyen-b@test.vn", id));

        // District B's dashboard counts the school it manages, with the plan's date; district A's counts it where it lies.
        var districtB = await (await TestWorld.LoginAsync(factory, "huyen-b@test.vn")).GetJsonAsync("/api/dashboard?year=2044");
        var review = districtB.GetProperty("deadlines").EnumerateArray()
            .Single(d => d.GetProperty("packId").GetString() == Samples.SchoolPack && d.GetProperty("deadlineId").GetString() == "huyen-bao-cao-tinh");
        Assert.Equal("2044-10-20", review.GetProperty("dueDate").GetString());
        Assert.Equal(1, review.GetProperty("pending").GetInt32());

        // Quotas: district A has a registered school under it (met), district B none (short).
        var quota = Assert.Single(districtB.GetProperty("quotas").EnumerateArray());
        var shortUnit = Assert.Single(quota.GetProperty("short").EnumerateArray());
        Assert.Equal((world.DistrictB.Id, 0), (shortUnit.GetProperty("unitId").GetInt32(), shortUnit.GetProperty("registered").GetInt32()));
        var provinceQuota = Assert.Single((await (await TestWorld.LoginAsync(factory, "tinh@test.vn")).GetJsonAsync("/api/dashboard?year=2044"))
            .GetProperty("quotas").EnumerateArray());
        Assert.Equal(2, provinceQuota.GetProperty("units").GetInt32());
        Assert.Equal([world.DistrictB.Id], provinceQuota.GetProperty("short").EnumerateArray().Select(s => s.GetProperty("unitId").GetInt32()));
        var met = provinceQuota.GetProperty("counts").EnumerateArray().Single(c => c.GetProperty("unitId").GetInt32() == world.DistrictA.Id);
        Assert.Equal(1, met.GetProperty("registered").GetInt32());
    }
}
