using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Plans;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Registration;

/// <summary>
/// The Quý I registration (TT124 Điều 9 khoản 2 điểm a): a commune sends its Bản đăng ký phấn đấu to its district,
/// which accepts or refuses it; the Khá-or-better condition; a plan that requires registration blocks the dossier
/// until the registration is accepted. Each test uses its own unit and year (one database per class).
/// </summary>
public sealed class RegistrationTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private static object Form(int year, string declaredClass = "kha") => new
    {
        packId = Samples.CommunePack, year, declaredClass, signerName = "Nguyễn Văn An",
        commitment = "Ủy ban nhân dân xã cam kết xây dựng xã đạt tiêu chuẩn “An toàn về an ninh, trật tự” trong năm.",
        targets = "Không để xảy ra trọng án; giảm 10% số vụ phạm pháp hình sự so với năm trước.",
    };

    private static async Task<JsonElement> SaveAsync(HttpClient client, Guid id, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PutAsJsonAsync($"/api/registrations/{id}", body)).ExpectAsync(expected);

    private static async Task<JsonElement> StepAsync(HttpClient client, Guid id, string step, HttpStatusCode expected, object? body = null) =>
        await (await client.PostAsJsonAsync($"/api/registrations/{id}/{step}", body ?? new { })).ExpectAsync(expected);

    private async Task RequireRegistrationAsync(int year) =>
        await factory.WithServicesAsync(async services => await services.GetRequiredService<YearPlans>().SaveAsync(new YearPlan
        {
            Year = year, Number = "91/KH-UBND", IssuedOn = new DateOnly(2023, 4, 7), IssuedBy = "Ủy ban nhân dân tỉnh Đồng Nai", Title = "",
            RequiresRegistration = true,
            Quotas = [new() { AppliesToLevel = "district", UnitKinds = "xa,phuong", Minimum = 1, Text = "mỗi huyện đăng ký ít nhất 01 xã, phường" }],
        }));

    [Fact]
    public async Task PlanRequiresIt_DossierRefusedUntilTheDistrictAcceptsTheRegistration_ThenCountedInTheQuota()
    {
        var world = await factory.WorldAsync();
        await RequireRegistrationAsync(2030);
        var commune = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        var dossier = await commune.CreateSubmissionAsync(world.CommuneB1, Samples.CommunePack, 2030, Samples.ValidCommune);

        var refused = await (await commune.ActAsync(dossier, "submit")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("chưa gửi bản đăng ký phấn đấu năm 2030", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("điểm a khoản 2 Điều 9", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var id = Guid.NewGuid();
        var draft = await SaveAsync(commune, id, Form(2030));
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(draft.GetProperty("id").GetGuid(), (await SaveAsync(commune, id, Form(2030))).GetProperty("id").GetGuid()); // a retry
        await RegistrationDossier.AttachAsync(commune, id);
        var sent = await StepAsync(commune, id, "submit", HttpStatusCode.OK);
        Assert.Equal(world.DistrictB.Id, sent.GetProperty("reviewingUnitId").GetInt32());
        await StepAsync(commune, id, "submit", HttpStatusCode.Conflict); // a retried request
        Assert.Contains("chờ cấp trên chấp nhận", (await (await commune.ActAsync(dossier, "submit")).ExpectAsync(HttpStatusCode.UnprocessableEntity))
            .GetProperty("detail").GetString(), StringComparison.Ordinal);

        var pending = await (await district.GetAsync("/api/registrations?year=2030&pending=true")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(pending.EnumerateArray()).GetProperty("id").GetGuid());
        await StepAsync(province, id, "accept", HttpStatusCode.Forbidden); // not the level it was sent to
        await StepAsync(commune, id, "accept", HttpStatusCode.Forbidden);
        var accepted = await StepAsync(district, id, "accept", HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal("Đã được chấp nhận", accepted.GetProperty("statusText").GetString());
        await StepAsync(district, id, "refuse", HttpStatusCode.Conflict, new { reason = "muộn" });
        await SaveAsync(commune, id, Form(2030), HttpStatusCode.Conflict); // accepted: no longer editable

        var quotas = await (await province.GetAsync("/api/plans/2030/quotas")).ExpectAsync(HttpStatusCode.OK);
        var counts = quotas[0].GetProperty("counts").EnumerateArray().ToDictionary(c => c.GetProperty("unitId").GetInt32(), c => c.GetProperty("registered").GetInt32());
        Assert.Equal(1, counts[world.DistrictB.Id]);

        var submitted = await (await commune.SubmitAsync(dossier)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.Status());
    }

    [Fact]
    public async Task PlanRequiresIt_ADraftWithoutRegistration_NeitherRegistersOnTheBoardNorCountsInTheQuota()
    {
        var world = await factory.WorldAsync();
        await RequireRegistrationAsync(2034);
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2034, Samples.ValidCommune);

        Assert.Equal(0, await RegisteredBelowAsync(province, 2034, world.DistrictA.Id));
        Assert.NotEqual("done", await RegisteredStatusAsync(district, 2034, world.CommuneA1.Id));

        var id = Guid.NewGuid();
        await SaveAsync(commune, id, Form(2034));
        await RegistrationDossier.AttachAsync(commune, id);
        await StepAsync(commune, id, "submit", HttpStatusCode.OK);
        await StepAsync(district, id, "accept", HttpStatusCode.OK);

        // Counted at once: accepting a registration changes the deadline board (not served from before the change).
        Assert.Equal(1, await RegisteredBelowAsync(province, 2034, world.DistrictA.Id));
        Assert.Equal("done", await RegisteredStatusAsync(district, 2034, world.CommuneA1.Id));
    }

    private static async Task<int> RegisteredBelowAsync(HttpClient client, int year, int unitId)
    {
        var quotas = await (await client.GetAsync($"/api/plans/{year}/quotas")).ExpectAsync(HttpStatusCode.OK);
        return quotas[0].GetProperty("counts").EnumerateArray().Single(c => c.GetProperty("unitId").GetInt32() == unitId).GetProperty("registered").GetInt32();
    }

    private static async Task<string?> RegisteredStatusAsync(HttpClient client, int year, int unitId)
    {
        var board = await (await client.GetAsync($"/api/deadlines?year={year}&stage=registered")).ExpectAsync(HttpStatusCode.OK);
        var registration = board.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("packId").GetString() == Samples.CommunePack);
        return registration.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetInt32() == unitId).GetProperty("status").GetString();
    }

    [Fact]
    public async Task Refused_BlocksTheDossier_WithItsReason_CorrectedAndSentAgain()
    {
        var world = await factory.WorldAsync();
        await RequireRegistrationAsync(2031);
        var commune = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var dossier = await commune.CreateSubmissionAsync(world.CommuneA2, Samples.CommunePack, 2031, Samples.ValidCommune);
        var id = Guid.NewGuid();
        await SaveAsync(commune, id, Form(2031));
        await RegistrationDossier.AttachAsync(commune, id);
        await StepAsync(commune, id, "submit", HttpStatusCode.OK);

        var noReason = await StepAsync(district, id, "refuse", HttpStatusCode.UnprocessableEntity, new { reason = " " });
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var refused = await StepAsync(district, id, "refuse", HttpStatusCode.OK, new { reason = "Thiếu nghị quyết của Đảng ủy xã" });
        Assert.Equal("refused", refused.GetProperty("status").GetString());

        var blocked = await (await commune.ActAsync(dossier, "submit")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("đã bị từ chối (lý do: Thiếu nghị quyết của Đảng ủy xã)", blocked.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var corrected = await SaveAsync(commune, id, Form(2031, "tot"));
        Assert.Equal("refused", corrected.GetProperty("status").GetString());
        Assert.Equal("Thiếu nghị quyết của Đảng ủy xã", corrected.GetProperty("refusalReason").GetString());
        var again = await StepAsync(commune, id, "submit", HttpStatusCode.OK);
        Assert.Equal("submitted", again.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("refusalReason").ValueKind);

        // Each step told once: the district of each sending, the commune of the refusal with its reason.
        var districtInbox = await Inbox(district);
        Assert.Equal(2, districtInbox.Count(n => n.GetProperty("kind").GetString() == "registration.submitted"));
        var refusal = Assert.Single(await Inbox(commune), n => n.GetProperty("kind").GetString() == "registration.refused");
        Assert.Contains("Thiếu nghị quyết của Đảng ủy xã", refusal.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KhaCondition_FromTheDeclaration_AndFromLastYearsRecordWhichWins()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");

        // Declared Trung bình, no record of last year: refused from the declaration.
        var weak = Guid.NewGuid();
        await SaveAsync(commune, weak, Form(2036, "trung-binh"));
        await RegistrationDossier.AttachAsync(commune, weak);
        var refused = await StepAsync(commune, weak, "submit", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("loại Khá trở lên", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Theo kê khai của đơn vị", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Last year (2024, the district recognised communes then) the commune was not recognised: declaring Khá does not help.
        var last = await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2024, Samples.ValidCommune);
        await (await commune.SubmitAsync(last)).ExpectAsync(HttpStatusCode.OK);
        await (await district.ActAsync(last, "endorse")).ExpectAsync(HttpStatusCode.OK);
        await (await district.ActAsync(last, "reject", new { reason = "Để xảy ra trọng án" })).ExpectAsync(HttpStatusCode.OK);
        var claimed = Guid.NewGuid();
        var view = await SaveAsync(commune, claimed, Form(2025, "kha"));
        await RegistrationDossier.AttachAsync(commune, claimed);
        var eligibility = view.GetProperty("eligibility");
        Assert.False(eligibility.GetProperty("eligible").GetBoolean());
        Assert.Equal("record", eligibility.GetProperty("basis").GetString());
        Assert.Equal("Khá", eligibility.GetProperty("declaredClassName").GetString());
        Assert.StartsWith("Năm 2024 không được công nhận", eligibility.GetProperty("recordedOutcome").GetString(), StringComparison.Ordinal);
        var byRecord = await StepAsync(commune, claimed, "submit", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("được dùng thay cho kê khai (đơn vị kê khai năm 2024 xếp loại Khá)", byRecord.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_OutOfScopeWrongRoleBadInput()
    {
        await factory.WorldAsync();
        var owner = await TestWorld.LoginAsync(factory, "truong-a@test.vn");
        var otherUnit = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var otherDistrict = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var id = Guid.NewGuid();

        var wrongPack = await SaveAsync(owner, id, Form(2037), HttpStatusCode.UnprocessableEntity); // a school under the commune pack
        Assert.Contains("không áp dụng cho Trường THPT Ngô Quyền", wrongPack.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var school = new { packId = Samples.SchoolPack, year = 2037, declaredClass = "tốt", commitment = "", targets = "", signerName = "" };
        var badClass = await SaveAsync(owner, id, school, HttpStatusCode.UnprocessableEntity);
        Assert.True(badClass.GetProperty("errors").TryGetProperty("declaredClass", out _));
        await SaveAsync(owner, id, school with { declaredClass = "xuat-sac" });
        var incomplete = await StepAsync(owner, id, "submit", HttpStatusCode.UnprocessableEntity);
        foreach (var field in new[] { "commitment", "targets", "signerName" })
            Assert.True(incomplete.GetProperty("errors").TryGetProperty(field, out _), field);

        await (await otherUnit.GetAsync($"/api/registrations/{id}")).ExpectAsync(HttpStatusCode.NotFound); // another unit's
        await StepAsync(otherUnit, id, "submit", HttpStatusCode.NotFound);
        await StepAsync(otherDistrict, id, "accept", HttpStatusCode.NotFound); // outside its district
        await SaveAsync(otherDistrict, Guid.NewGuid(), Form(2037), HttpStatusCode.Forbidden); // reviewers do not register
        Assert.Empty((await (await otherDistrict.GetAsync("/api/registrations?year=2037")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    private static async Task<List<JsonElement>> Inbox(HttpClient client)
    {
        var page = await (await client.GetAsync("/api/notifications?take=200")).ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}
