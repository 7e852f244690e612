using System.Net;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Submissions;

/// <summary>The list is paged in a stable order, with the total in a header, within the caller's scope.</summary>
public sealed class SubmissionPagingTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Pages_CoverTheListOnce_WithTotal()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        foreach (var year in new[] { 2061, 2062, 2063, 2064, 2065 })
            await commune.CreateSubmissionAsync(world.CommuneB1, Samples.CommunePack, year, Samples.ValidCommune);
        var reviewer = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var filter = $"?unitId={world.CommuneB1.Id}&packId={Samples.CommunePack}";
        var all = await reviewer.ListIdsAsync(filter);
        Assert.True(all.Count >= 5);

        var seen = new List<Guid>();
        for (var skip = 0; skip < all.Count; skip += 2)
        {
            var response = await reviewer.GetAsync($"/api/submissions{filter}&skip={skip}&take=2");
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(all.Count.ToString(), Assert.Single(response.Headers.GetValues("X-Total-Count")));
            Assert.InRange(page.GetArrayLength(), 1, 2);
            seen.AddRange(page.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        }
        Assert.Equal(all, seen);

        // Another district's reviewer: the same filter finds nothing, and says so in the total.
        var outside = await (await TestWorld.LoginAsync(factory, "huyen-a@test.vn")).GetAsync($"/api/submissions{filter}&take=2");
        Assert.Equal(0, (await outside.ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal("0", Assert.Single(outside.Headers.GetValues("X-Total-Count")));
    }
}
