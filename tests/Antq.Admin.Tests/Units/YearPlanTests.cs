using System.Net.Http.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Plans;
using Antq.Admin.Tests.Packs;
using Antq.Admin.Tests.Support;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Units;

/// <summary>The province's plan of the year: deadlines overriding the packs' defaults, quotas and who is short, the citation.</summary>
public sealed class YearPlanTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private static YearPlan Kh91(int year) => new()
    {
        Year = year, Number = "91/KH-UBND", IssuedOn = new DateOnly(2023, 4, 7), IssuedBy = "Ủy ban nhân dân tỉnh Đồng Nai",
        Title = "về xây dựng, nhân rộng mô hình điển hình tiên tiến (minh họa)",
        Deadlines =
        [
            new() { Stage = "submitted", DueMonth = 10, DueDay = 15, Provisional = true, Note = "KH 91: hồ sơ gửi về tỉnh (tạm áp dụng cho hai cấp)" },
            new() { PackId = "tt124.xa", Stage = "submitted", DueMonth = 11, DueDay = 20, Note = "TT124: trước ngày 20/11" },
        ],
        Quotas = [new() { AppliesToLevel = "district", UnitKinds = "xa,phuong,thi-tran", Minimum = 1, Text = "mỗi huyện đăng ký ít nhất 01 xã, phường, thị trấn" }],
    };

    [Fact]
    public async Task Deadlines_PlanOverridesPackDefaults_PackSpecificFirst()
    {
        await factory.WorldAsync();
        await factory.WithServicesAsync(async services =>
        {
            var plans = services.GetRequiredService<YearPlans>();
            await plans.SaveAsync(Kh91(2031));
            var catalog = services.GetRequiredService<Antq.Admin.Features.Deadlines.DeadlineBoard>();
            var packs = await catalog.ActivePacksAsync();
            var planned = await plans.DeadlinesAsync(2031);
            foreach (var pack in packs)
            {
                foreach (var (before, after) in pack.Deadlines.Zip(planned(pack)))
                {
                    if (before.Stage != "submitted") Assert.Equal((before.DueMonth, before.DueDay), (after.DueMonth, after.DueDay));
                    else if (pack.Manifest.Id == "tt124.xa") Assert.Equal((11, 20), (after.DueMonth, after.DueDay));
                    else Assert.Equal((10, 15), (after.DueMonth, after.DueDay));
                }
            }
            // Another year without a plan keeps the packs' dates.
            var none = await plans.DeadlinesAsync(2032);
            Assert.All(packs, p => Assert.Equal(p.Deadlines, none(p)));
        });
    }

    [Fact]
    public async Task Quotas_UnitsOfTheLevelShort_AndCitation()
    {
        var world = await factory.WorldAsync();
        await factory.WithServicesAsync(async services =>
        {
            var plans = services.GetRequiredService<YearPlans>();
            var plan = await plans.SaveAsync(Kh91(2033));
            Assert.Equal("Kế hoạch số 91/KH-UBND ngày 07/04/2023 của Ủy ban nhân dân tỉnh Đồng Nai về xây dựng, nhân rộng mô hình điển hình tiên tiến (minh họa)", plan.Citation());
            var db = services.GetRequiredService<AntqDbContext>();
            db.Submissions.Add(new SubmissionRecord { Id = Guid.NewGuid(), UnitId = world.CommuneA1.Id, PackId = "tt124.xa", PackVersion = PackZips.Tt124Version, Year = 2033, Status = "draft", DataJson = "{}", CreateHash = "t", EvaluationJson = "{}", EvaluatedPackHash = "t" });
            await db.SaveChangesAsync();
            var quota = Assert.Single(await services.GetRequiredService<PlanQuotas>().ForYearAsync(2033));
            Assert.Equal(2, quota.Units);
            var shortUnit = Assert.Single(quota.Short);
            Assert.Equal(world.DistrictB.Id, shortUnit.UnitId);
            Assert.Equal(0, shortUnit.Registered);
        });
    }

    [Fact]
    public async Task Api_ProvinceAdminSaves_OthersRead()
    {
        await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var body = PlansFeature.ToDto(Kh91(2034));
        var saved = await admin.PutAsJsonAsync("/api/plans/2034", body);
        Assert.Equal(System.Net.HttpStatusCode.OK, saved.StatusCode);
        var reviewer = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await reviewer.PutAsJsonAsync("/api/plans/2034", body)).StatusCode);
        var read = await reviewer.GetFromJsonAsync<PlansFeature.PlanDto>("/api/plans/2034");
        Assert.Equal("91/KH-UBND", read!.Number);
        Assert.Equal(2, read.Deadlines.Count);
    }

    [Fact]
    public async Task Api_InvalidPlan_RefusedPerFieldInVietnamese_NothingSaved()
    {
        await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var body = PlansFeature.ToDto(Kh91(2035)) with
        {
            Number = " ",
            Deadlines = [new PlansFeature.PlanDeadlineDto(null, "submitted", 2, 30, false, null)],
            Quotas = [new PlansFeature.PlanQuotaDto("district", "xa", 0, "mỗi huyện")],
        };
        var refused = await admin.PutAsJsonAsync("/api/plans/2035", body);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors");
        Assert.Contains("số kế hoạch", errors.GetProperty("number")[0].GetString());
        Assert.Contains("30/02", errors.GetProperty("deadlines[0].date")[0].GetString());
        Assert.Contains("từ 1", errors.GetProperty("quotas[0].minimum")[0].GetString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync("/api/plans/2035")).StatusCode);
    }
}
