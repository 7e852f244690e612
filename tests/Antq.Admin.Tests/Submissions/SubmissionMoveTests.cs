using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Features.Packs;
using Antq.Admin.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Submissions;

/// <summary>
/// "Move to version X" only to the active version: never to a stored candidate, nor back to a
/// version that was rolled back (own factory: the test activates versions).
/// </summary>
public sealed class SubmissionMoveTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Move_OnlyToTheActiveVersion_CandidatesAndRolledBackVersionsRefused()
    {
        var world = await factory.WorldAsync();
        var unit = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var first = await unit.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2040, Samples.FailingCommune);
        await factory.StoreCopyOfCommunePackAsync("2.1.1");

        // A candidate never activated.
        await (await unit.ActAsync(first, "move", new { version = "2.1.1" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        // Activated: the draft follows it (ADR 0010), and choosing it again is allowed.
        await (await admin.PostAsJsonAsync($"/api/packs/{Samples.CommunePack}/versions/2.1.1/activate", new { })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2.1.1", (await unit.ReadSubmissionAsync(first)).GetProperty("packVersion").GetString());
        var moved = await (await unit.ActAsync(first, "move", new { version = "2.1.1" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2.1.1", moved.GetProperty("packVersion").GetString());

        // Rolled back to 2.1.0: 2.1.1 may no longer be chosen; the active 2.1.0 may.
        await (await admin.PostAsJsonAsync($"/api/packs/{Samples.CommunePack}/versions/2.1.0/activate", new { })).ExpectAsync(HttpStatusCode.OK);
        var other = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var second = await other.CreateSubmissionAsync(world.CommuneA2, Samples.CommunePack, 2040, Samples.FailingCommune);
        var problem = await (await other.ActAsync(second, "move", new { version = "2.1.1" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("đang áp dụng (2.1.0)", problem.GetProperty("detail").GetString());
        Assert.Equal("2.1.0", (await other.ReadSubmissionAsync(second)).GetProperty("packVersion").GetString());
        Assert.Equal("2.1.0", (await unit.ReadSubmissionAsync(first)).GetProperty("packVersion").GetString()); // the rollback moved the draft back
        var back = await (await unit.ActAsync(first, "move", new { version = "2.1.0" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2.1.0", back.GetProperty("packVersion").GetString());
    }
}
