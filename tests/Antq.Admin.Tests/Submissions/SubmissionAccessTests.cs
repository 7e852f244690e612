using System.Net;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Submissions;

/// <summary>Who may read and act on a submission: decided from the record and the account, never the payload.</summary>
public sealed class SubmissionAccessTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task OtherCommune_ReadChangeOrAudit_NotFound()
    {
        var world = await factory.WorldAsync();
        var owner = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await owner.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2040, Samples.ValidCommune);
        var other = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");

        await (await other.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/submissions/{id}/audit")).ExpectAsync(HttpStatusCode.NotFound);
        await (await other.PutSubmissionAsync(id, new { data = Samples.FailingCommune, version = 1 })).ExpectAsync(HttpStatusCode.NotFound);
        await (await other.PutSubmissionAsync(id, new { unitId = world.CommuneA2.Id, packId = Samples.CommunePack, year = 2040, data = Samples.ValidCommune }))
            .ExpectAsync(HttpStatusCode.NotFound);
        await (await other.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.NotFound);
        await (await other.ActAsync(id, "move", new { version = "1.0.0" })).ExpectAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await other.ListIdsAsync());
        Assert.Equal(1, (await owner.ReadSubmissionAsync(id)).Revision());
    }

    [Fact]
    public async Task Put_ForAnotherUnit_Forbidden()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");

        var response = await client.PutSubmissionAsync(Guid.NewGuid(), new { unitId = world.CommuneA2.Id, packId = Samples.CommunePack, year = 2040, data = Samples.ValidCommune });

        await response.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await (await TestWorld.LoginAsync(factory, "xa-a2@test.vn")).ListIdsAsync("?year=2040"));
    }

    [Fact]
    public async Task Put_CreateAsReviewer_Forbidden()
    {
        var world = await factory.WorldAsync();
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");

        var response = await district.PutSubmissionAsync(Guid.NewGuid(), new { unitId = world.DistrictA.Id, packId = Samples.CommunePack, year = 2041, data = Samples.ValidCommune });

        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Reviewers_SeeTheirSubtreeOnly()
    {
        var world = await factory.WorldAsync();
        var owner = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await owner.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2042, Samples.ValidCommune);
        var districtA = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var districtB = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");

        await (await districtB.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.NotFound);
        await (await districtB.GetAsync($"/api/submissions/{id}/audit")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await districtB.ListIdsAsync());
        Assert.DoesNotContain(id, await districtB.ListIdsAsync($"?unitId={world.CommuneA1.Id}"));

        await (await districtA.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(id, await districtA.ListIdsAsync("?year=2042"));
        foreach (var email in new[] { "tinh@test.vn", "admin@test.vn" })
        {
            var province = await TestWorld.LoginAsync(factory, email);
            await (await province.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.OK);
            await (await province.GetAsync($"/api/submissions/{id}/audit")).ExpectAsync(HttpStatusCode.OK);
            Assert.Contains(id, await province.ListIdsAsync($"?packId={Samples.CommunePack}&year=2042&status=draft"));
        }
    }

    [Fact]
    public async Task Endorse_NotAtPendingUnitOrNotReviewer_Refused()
    {
        var world = await factory.WorldAsync();
        var owner = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await owner.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2043, Samples.ValidCommune);
        await (await owner.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);

        await (await owner.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await (await TestWorld.LoginAsync(factory, "admin@test.vn")).ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await (await TestWorld.LoginAsync(factory, "tinh@test.vn")).ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await (await TestWorld.LoginAsync(factory, "tinh@test.vn")).ActAsync(id, "return", new { reason = "x" })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await (await TestWorld.LoginAsync(factory, "huyen-b@test.vn")).ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.NotFound);

        var stored = await owner.ReadSubmissionAsync(id);
        Assert.Equal("submitted", stored.Status());
        Assert.Equal(world.DistrictA.Id, stored.PendingUnitId());
    }

    [Fact]
    public async Task Submit_ByReviewerOfTheUnit_Forbidden()
    {
        var world = await factory.WorldAsync();
        var owner = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await owner.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2044, Samples.ValidCommune);
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");

        await (await district.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await district.PutSubmissionAsync(id, new { data = Samples.FailingCommune, version = 1 })).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_Unauthorized()
    {
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/submissions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutSubmissionAsync(Guid.NewGuid(), new { })).StatusCode);
    }

    [Fact]
    public async Task List_UnknownStatus_BadRequest()
    {
        await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "tinh@test.vn");

        await (await client.GetAsync("/api/submissions?status=archived")).ExpectAsync(HttpStatusCode.BadRequest);
    }
}
