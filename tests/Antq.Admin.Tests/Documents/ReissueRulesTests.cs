using System.Net;
using System.Net.Http.Json;
using Antq.Admin.Features.Documents;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Documents;

/// <summary>Re-issuing: the issuing level's staff only, with a reason, a bounded number of times, never after the decision.</summary>
public sealed class ReissueRulesTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Reissue_WithoutReason_400AndNothingIssued()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await commune.SubmitAsync(world.CommuneA1, year: 2026);

        foreach (var note in new[] { null, "", "   " })
        {
            var problem = await (await commune.ReissueAsync(id, "to-trinh", note)).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Contains("lý do", problem.GetProperty("detail").GetString());
        }

        Assert.Single(await commune.VersionsAsync(id, "to-trinh"));
    }

    [Fact]
    public async Task Reissue_BeyondMaxVersions_422()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var id = await commune.SubmitAsync(world.CommuneA2, year: 2026);

        for (var version = 2; version <= DocumentCommands.MaxVersions; version++)
            await (await commune.ReissueAsync(id, "bao-cao-ket-qua", $"Lần {version}")).ExpectAsync(HttpStatusCode.Created);
        var refused = await (await commune.ReissueAsync(id, "bao-cao-ket-qua", "Thêm một lần")).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains($"tối đa {DocumentCommands.MaxVersions}", refused.GetProperty("detail").GetString());
        Assert.Equal(DocumentCommands.MaxVersions, (await commune.VersionsAsync(id, "bao-cao-ket-qua")).Count);
        Assert.DoesNotContain("bao-cao-ket-qua", (await commune.DocumentsAsync(id)).GetProperty("canReissue").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Reissue_AfterRecognition_409ForUnitAndReviewer()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        // 2024, a three-level year: the district recognises the commune (tt124.xa recognition rows).
        var id = await commune.SubmitAsync(world.CommuneB1, year: 2024);
        await (await district.PostAsJsonAsync($"/api/submissions/{id}/appraisal", DocumentHttp.Appraisal(await commune.ReadSubmissionAsync(id)))).ExpectAsync(HttpStatusCode.OK);
        await (await district.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        await (await district.ActAsync(id, "recognise", new { decisionNumber = "7/QĐ-BCĐ", decisionDate = "2026-10-10" })).ExpectAsync(HttpStatusCode.OK);

        var unitTry = await (await commune.ReissueAsync(id, "to-trinh")).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("quyết định công nhận", unitTry.GetProperty("detail").GetString());
        await (await commune.ReissueAsync(id, "bien-ban-hop-xet")).ExpectAsync(HttpStatusCode.Conflict);
        await (await district.ReissueAsync(id, "bao-cao-tham-dinh")).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Empty((await commune.DocumentsAsync(id)).GetProperty("canReissue").EnumerateArray());
        Assert.Single(await commune.VersionsAsync(id, "to-trinh"));
    }
}
