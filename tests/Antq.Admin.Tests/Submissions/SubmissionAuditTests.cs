using System.Net;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Submissions;

/// <summary>Every action leaves one audit entry, in order, with who did it and the status change.</summary>
public sealed class SubmissionAuditTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Audit_WholeProcedure_EveryActionInOrder()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        // 2024, a three-level year: the district recognises (tt124.xa recognition rows).
        var id = await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2024, Samples.FailingCommune);
        await (await commune.PutSubmissionAsync(id, new { data = Samples.ValidCommune, version = 1 })).ExpectAsync(HttpStatusCode.OK);
        await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        await (await district.ActAsync(id, "return", new { reason = "Bổ sung minh chứng", criteria = new Dictionary<string, string> { ["TC01"] = "Thiếu nghị quyết" } }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await commune.PutSubmissionAsync(id, new { data = Samples.ValidCommune, version = 4 })).ExpectAsync(HttpStatusCode.OK);
        await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        await (await district.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        await (await district.ActAsync(id, "recognise", new { decisionNumber = "125/QĐ-BCĐ", decisionDate = "2025-10-10" })).ExpectAsync(HttpStatusCode.OK);
        // Refused requests leave no trace.
        await (await commune.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.Conflict);

        var trail = await (await district.GetAsync($"/api/submissions/{id}/audit")).ExpectAsync(HttpStatusCode.OK);

        var entries = trail.EnumerateArray().ToList();
        Assert.Equal(
            ["created", "saved", "meeting-recorded", "submitted", "returned", "saved", "submitted", "endorsed", "recognised"],
            entries.Select(e => e.GetProperty("action").GetString()!["submission.".Length..]));
        Assert.Equal(
            ["draft", "draft", "draft", "submitted", "returned", "returned", "submitted", "approved", "recognised"],
            entries.Select(e => e.GetProperty("toStatus").GetString()));
        Assert.Equal(
            ["xa-a1@test.vn", "xa-a1@test.vn", "xa-a1@test.vn", "xa-a1@test.vn", "huyen-a@test.vn", "xa-a1@test.vn", "xa-a1@test.vn", "huyen-a@test.vn", "huyen-a@test.vn"],
            entries.Select(e => e.GetProperty("actorName").GetString()));
        Assert.Equal("Thiếu nghị quyết", entries[4].GetProperty("details").GetProperty("criteria").GetProperty("TC01").GetString());
        Assert.Equal("submitted", entries[4].GetProperty("fromStatus").GetString());
        Assert.Equal("125/QĐ-BCĐ", entries[8].GetProperty("details").GetProperty("decisionNumber").GetString());
        Assert.Equal(world.DistrictA.Id, entries[8].GetProperty("actorUnitId").GetInt32());
        Assert.Equal(entries.Select(e => e.GetProperty("id").GetInt64()).Order(), entries.Select(e => e.GetProperty("id").GetInt64()));
    }
}
