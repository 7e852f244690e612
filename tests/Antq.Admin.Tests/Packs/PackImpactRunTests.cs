using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Packs.Impact;
using Antq.Admin.Tests.Auth;
using Antq.Admin.Tests.Support;
using Antq.Admin.Tests.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Packs;

/// <summary>
/// Issue 19: an impact preview over more dossiers than ANTQ_IMPACT_INLINE_MAX (set to 2 here) runs in the background,
/// recorded in the database with its progress; its result is the inline preview's, reused until a submission changes.
/// </summary>
public sealed class PackImpactRunTests : IDisposable
{
    private readonly AntqApiFactory _factory = new() { Settings = { ["ANTQ_IMPACT_INLINE_MAX"] = "2" } };

    public void Dispose() => _factory.Dispose();

    private static string Runs(string version) => $"/api/packs/{PackZips.Tt124}/versions/{version}/impact-runs";

    /// <summary>Three sent dossiers in the province (only the one at 72 % changes under the 75 % candidate) and the candidate uploaded.</summary>
    private async Task<(TestWorld World, HttpClient Admin, Guid ChangesOnly)> ArrangeAsync()
    {
        var world = await _factory.WorldAsync();
        await PackImpactTests.StoreSubmissionAsync(_factory, world.CommuneA1, PackZips.Tt124DataWithRecognised(80));
        var changes = await PackImpactTests.StoreSubmissionAsync(_factory, world.CommuneA2, PackZips.Tt124DataWithRecognised(72));
        await PackImpactTests.StoreSubmissionAsync(_factory, world.CommuneB1, PackZips.Tt124TestData("02-chua-dat-tat-ca.json"));
        var admin = await TestWorld.LoginAsync(_factory, "admin@test.vn");
        Assert.Equal(HttpStatusCode.Created, (await PackZips.UploadAsync(admin, PackZips.Zip(PackZips.Tt124Revision(PackZips.Tt124Next, 75)))).StatusCode);
        return (world, admin, changes);
    }

    private static async Task<JsonElement> StartAsync(HttpClient admin, string version)
    {
        var response = await admin.PostAsync(Runs(version), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{Runs(version)}/{run.Str("id")}", response.Headers.Location?.OriginalString);
        return run;
    }

    /// <summary>Reads the run until it has finished (the in-process runner of a test host takes well under a second here).</summary>
    private static async Task<JsonElement> FinishedAsync(HttpClient admin, string location)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var run = await admin.GetFromJsonAsync<JsonElement>(location);
            if (run.Str("status") is "done" or "failed") return run;
            Assert.Contains(run.Str("status"), new[] { "queued", "running" });
            Assert.InRange(run.Int("done"), 0, run.Int("total"));
            await Task.Delay(100);
        }
        throw new TimeoutException($"The impact run {location} did not finish.");
    }

    /// <summary>The changed rows, written the same way whatever escaping the server used.</summary>
    private static IEnumerable<string> Rows(JsonElement view) =>
        view.GetProperty("changed").EnumerateArray().Select(c => JsonNode.Parse(c.GetRawText())!.ToJsonString());

    [Fact]
    public async Task LargePreview_GoesToTheBackground_ProgressReachesTotal_ResultEqualsTheInlinePreview()
    {
        var (world, admin, changesOnly) = await ArrangeAsync();

        var response = await admin.GetAsync($"/api/packs/{PackZips.Tt124}/versions/{PackZips.Tt124Next}/impact");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, started.Int("total"));
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"{Runs(PackZips.Tt124Next)}/{started.Str("id")}", location);

        var run = await FinishedAsync(admin, location);
        Assert.Equal("done", run.Str("status"));
        Assert.Equal(3, run.Int("done"));
        Assert.Equal(3, run.Int("total"));
        var result = run.GetProperty("result");
        var changed = Assert.Single(result.GetProperty("changed").EnumerateArray());
        Assert.Equal(changesOnly, changed.GetProperty("submissionId").GetGuid());
        Assert.Equal(2, result.Int("unchanged"));

        // The same rows as the inline preview of the same scope (the code GET …/impact runs under the threshold).
        var inline = await _factory.WithServicesAsync(async s => JsonSerializer.SerializeToElement(
            await s.GetRequiredService<PackImpactScan>().RunAsync(PackZips.Tt124,
                (await s.GetRequiredService<PackCatalog>().GetAsync(PackZips.Tt124, PackZips.Tt124Next, CancellationToken.None))!,
                world.Province.Path, progress: null, CancellationToken.None), JsonSerializerOptions.Web));
        Assert.Equal(Rows(inline), Rows(result));
        Assert.Equal(inline.Int("unchanged"), result.Int("unchanged"));
    }

    [Fact]
    public async Task Progress_IsReportedEvery200Dossiers_AndTheRunEndsWithDoneEqualToTotal()
    {
        var (world, admin, _) = await ArrangeAsync();
        var communes = await PackImpactTests.AddCommunesAsync(_factory, world, 400);
        foreach (var commune in communes) await PackImpactTests.StoreSubmissionAsync(_factory, commune, PackZips.Tt124DataWithRecognised(90));

        var reported = new List<int>();
        await _factory.WithServicesAsync(async s => await s.GetRequiredService<PackImpactScan>().RunAsync(PackZips.Tt124,
            (await s.GetRequiredService<PackCatalog>().GetAsync(PackZips.Tt124, PackZips.Tt124Next, CancellationToken.None))!,
            world.Province.Path, done => { reported.Add(done); return Task.CompletedTask; }, CancellationToken.None));
        Assert.Equal([200, 400], reported); // a database write each: not one per dossier

        var started = await StartAsync(admin, PackZips.Tt124Next);
        Assert.Equal(403, started.Int("total"));
        var run = await FinishedAsync(admin, $"{Runs(PackZips.Tt124Next)}/{started.Str("id")}");
        Assert.Equal("done", run.Str("status"));
        Assert.Equal((403, 403), (run.Int("done"), run.Int("total")));
        Assert.Equal(402, run.GetProperty("result").Int("unchanged"));
    }

    [Fact]
    public async Task DistrictAdministrator_IsRefusedAsForThePreview()
    {
        var (world, admin, _) = await ArrangeAsync();
        const string email = "qt-huyen-b@test.vn";
        var created = await admin.PostAsJsonAsync("/api/accounts",
            new { email, displayName = "Quản trị huyện B", role = "admin", unitId = world.DistrictB.Id, password = TestWorld.Password });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var district = await TestWorld.LoginAsync(_factory, email);
        var ours = await StartAsync(admin, PackZips.Tt124Next);

        foreach (var response in new[] { await district.PostAsync(Runs(PackZips.Tt124Next), null), await district.GetAsync($"{Runs(PackZips.Tt124Next)}/{ours.Str("id")}") })
            Assert.Contains("quản trị viên cấp tỉnh", (await AuthTestKit.ProblemAsync(response, HttpStatusCode.Forbidden)).Str("detail"));
    }

    [Fact]
    public async Task FinishedRun_IsReused_UntilASubmissionOfThePackChanges()
    {
        var (_, admin, changesOnly) = await ArrangeAsync();
        var first = await FinishedAsync(admin, $"{Runs(PackZips.Tt124Next)}/{(await StartAsync(admin, PackZips.Tt124Next)).Str("id")}");
        Assert.Equal("done", first.Str("status"));

        var again = await StartAsync(admin, PackZips.Tt124Next);
        Assert.Equal(first.Str("id"), again.Str("id"));
        Assert.Equal("done", again.Str("status"));
        Assert.Equal(Rows(first.GetProperty("result")), Rows(again.GetProperty("result")));

        // The dossier at 72 % is corrected to 80 % (saved as the submissions feature saves: a new revision).
        await _factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<AntqDbContext>();
            var record = await db.Submissions.SingleAsync(r => r.Id == changesOnly);
            record.DataJson = PackZips.Tt124DataWithRecognised(80).ToJsonString();
            record.Revision++;
            record.UpdatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        });

        var renewed = await StartAsync(admin, PackZips.Tt124Next);
        Assert.NotEqual(first.Str("id"), renewed.Str("id"));
        var second = await FinishedAsync(admin, $"{Runs(PackZips.Tt124Next)}/{renewed.Str("id")}");
        Assert.Equal("done", second.Str("status"));
        Assert.Empty(second.GetProperty("result").GetProperty("changed").EnumerateArray()); // 80 % passes the 75 % rule too
        Assert.Equal(3, second.GetProperty("result").Int("unchanged"));
    }

    [Fact]
    public async Task RunOfAnotherProvince_IsNotFound_AndItsAdministratorGetsARunOfItsOwnScope()
    {
        var (world, admin, _) = await ArrangeAsync();
        const string otherEmail = "admin-tinh-khac@test.vn";
        await _factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<AntqDbContext>();
            var other = new Unit { Code = "99", Name = "Tỉnh Thử Nghiệm", KindId = world.Province.KindId, LevelId = world.Province.LevelId };
            db.Units.Add(other);
            await db.SaveChangesAsync();
            other.Path = $"/{other.Id}/";
            await db.SaveChangesAsync();
            var users = s.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = otherEmail, Email = otherEmail, EmailConfirmed = true, DisplayName = "Quản trị tỉnh khác", UnitId = other.Id };
            Assert.True((await users.CreateAsync(user, TestWorld.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Admin);
        });
        var otherAdmin = await TestWorld.LoginAsync(_factory, otherEmail);
        var ours = await StartAsync(admin, PackZips.Tt124Next);

        var response = await otherAdmin.GetAsync($"{Runs(PackZips.Tt124Next)}/{ours.Str("id")}");

        var problem = await AuthTestKit.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("Không tìm thấy lượt tính ảnh hưởng", problem.Str("detail"));
        var theirs = await StartAsync(otherAdmin, PackZips.Tt124Next);
        Assert.NotEqual(ours.Str("id"), theirs.Str("id"));
        var finished = await FinishedAsync(otherAdmin, $"{Runs(PackZips.Tt124Next)}/{theirs.Str("id")}");
        Assert.Equal(0, finished.Int("total"));
        Assert.Empty(finished.GetProperty("result").GetProperty("changed").EnumerateArray());
    }

    [Fact]
    public async Task TwoInstances_OneDatabase_EitherAnswersTheRunAndNeitherStartsASecond_PostgresRunOnly()
    {
        if (!TestDatabase.IsPostgres) return; // needs a database two processes can share: the PostgreSQL run covers it
        var (_, adminA, changesOnly) = await ArrangeAsync();
        using var second = _factory.SecondInstance();
        var adminB = await TestWorld.LoginAsync(second, "admin@test.vn");

        var started = await StartAsync(adminA, PackZips.Tt124Next);
        var joined = await StartAsync(adminB, PackZips.Tt124Next);

        Assert.Equal(started.Str("id"), joined.Str("id")); // joined while running, or reused once done: one run either way
        var onB = await FinishedAsync(adminB, $"{Runs(PackZips.Tt124Next)}/{started.Str("id")}");
        Assert.Equal("done", onB.Str("status"));
        Assert.Equal(changesOnly, Assert.Single(onB.GetProperty("result").GetProperty("changed").EnumerateArray()).GetProperty("submissionId").GetGuid());
        var runs = await _factory.WithServicesAsync(s => s.GetRequiredService<AntqDbContext>().ImpactRuns.CountAsync());
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task UnknownVersionOrRun_IsNotFound()
    {
        var (_, admin, _) = await ArrangeAsync();

        var problem = await AuthTestKit.ProblemAsync(await admin.PostAsync(Runs("9.9.9"), null), HttpStatusCode.NotFound);
        Assert.Contains("9.9.9", problem.Str("detail"));
        await AuthTestKit.ProblemAsync(await admin.GetAsync($"{Runs(PackZips.Tt124Next)}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var ours = await StartAsync(admin, PackZips.Tt124Next);
        await AuthTestKit.ProblemAsync(await admin.GetAsync($"{Runs(PackZips.Tt124Version)}/{ours.Str("id")}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RunInterruptedByShutdown_SaysSoInVietnamese_AndTheNextRequestStartsAgain()
    {
        var (world, admin, _) = await ArrangeAsync();
        var queued = Guid.NewGuid();
        await _factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<AntqDbContext>();
            var stamp = await s.GetRequiredService<PackImpactScan>().StampAsync(PackZips.Tt124, world.Province.Path, CancellationToken.None);
            db.ImpactRuns.Add(new ImpactRun
            {
                Id = queued, PackId = PackZips.Tt124, Version = PackZips.Tt124Next, ScopeUnitId = world.Province.Id,
                RequestedById = "test", RequestedByName = "test", RequestedAt = DateTimeOffset.UtcNow, Total = stamp.Count, SubmissionsStamp = stamp.ToString(),
            });
            await db.SaveChangesAsync();
        });
        // A second request while it waits joins it rather than starting another.
        Assert.Equal(queued.ToString(), (await StartAsync(admin, PackZips.Tt124Next)).Str("id"));

        // The runner takes it as the host stops.
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        await _factory.WithServicesAsync(s => s.GetRequiredService<ImpactRunner>().RunAsync(queued, stopping.Token));

        var interrupted = await admin.GetFromJsonAsync<JsonElement>($"{Runs(PackZips.Tt124Next)}/{queued}");
        Assert.Equal("failed", interrupted.Str("status"));
        Assert.Contains("bị gián đoạn", interrupted.Str("error"));
        var restarted = await StartAsync(admin, PackZips.Tt124Next);
        Assert.NotEqual(queued.ToString(), restarted.Str("id"));
        Assert.Equal("done", (await FinishedAsync(admin, $"{Runs(PackZips.Tt124Next)}/{restarted.Str("id")}")).Str("status"));
    }
}
