using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Features.Packs;
using Antq.Admin.Tests.Packs;
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
        await factory.StoreCopyOfCommunePackAsync(PackZips.Tt124Patch);

        // A candidate never activated.
        await (await unit.ActAsync(first, "move", new { version = PackZips.Tt124Patch })).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        // Activated: the draft follows it (ADR 0010), and choosing it again is allowed.
        await MoveRunKit.ActivateAndMoveAsync(admin, Samples.CommunePack, PackZips.Tt124Patch);
        Assert.Equal(PackZips.Tt124Patch, (await unit.ReadSubmissionAsync(first)).GetProperty("packVersion").GetString());
        var moved = await (await unit.ActAsync(first, "move", new { version = PackZips.Tt124Patch })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(PackZips.Tt124Patch, moved.GetProperty("packVersion").GetString());

        // Rolled back to the shipped version: the patch may no longer be chosen; the active shipped version may.
        await MoveRunKit.ActivateAndMoveAsync(admin, Samples.CommunePack, PackZips.Tt124Version);
        var other = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var second = await other.CreateSubmissionAsync(world.CommuneA2, Samples.CommunePack, 2040, Samples.FailingCommune);
        var problem = await (await other.ActAsync(second, "move", new { version = PackZips.Tt124Patch })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"đang áp dụng ({PackZips.Tt124Version})", problem.GetProperty("detail").GetString());
        Assert.Equal(PackZips.Tt124Version, (await other.ReadSubmissionAsync(second)).GetProperty("packVersion").GetString());
        Assert.Equal(PackZips.Tt124Version, (await unit.ReadSubmissionAsync(first)).GetProperty("packVersion").GetString()); // the rollback moved the draft back
        var back = await (await unit.ActAsync(first, "move", new { version = PackZips.Tt124Version })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(PackZips.Tt124Version, back.GetProperty("packVersion").GetString());
    }
}
