using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Review;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.FormEngine.Deadlines;
using Antq.Admin.Infrastructure;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Units;

/// <summary>The test host with ANTQ_SEED_DEMO=true, on the base factory's fresh data folder.</summary>
public sealed class DemoHost : IDisposable
{
    public AntqApiFactory Base { get; } = new();
    public WebApplicationFactory<Program> Factory { get; }

    public DemoHost() => Factory = Base.WithWebHostBuilder(b => b.UseSetting("ANTQ_SEED_DEMO", "true"));

    /// <summary>Another host on the same database: its start runs the seeder again.</summary>
    public WebApplicationFactory<Program> Restart() => Base.WithWebHostBuilder(b => b.UseSetting("ANTQ_SEED_DEMO", "true"));

    public void Dispose()
    {
        Factory.Dispose();
        Base.Dispose();
    }
}

/// <summary>
/// The demo as seeded at start: Thành phố Đồng Nai today on two levels, the 2024 three-level structure as
/// earlier periods of the same units, organisations at their managing level, dossiers of this year and of
/// 2024 routed by their year, and the accounts.
/// </summary>
public sealed class DemoSeederTests(DemoHost host) : IClassFixture<DemoHost>
{
    private const string Password = "DongNai@2025";
    private const string TranBien = "26041", TrangBom = "26248", BienHoa = "731", TrangBomDistrict = "737";

    private Task<HttpClient> LoginAsync(string email) => ApiLogin.AsAsync(host.Factory, email, Password);

    /// <summary>A scope on the seeded server (a login first: the seeder runs when the host starts).</summary>
    private async Task<IServiceScope> ScopeAsync()
    {
        await LoginAsync("admin@dongnai.demo");
        return host.Factory.Services.CreateScope();
    }

    private static DateOnly Today(IServiceProvider services) => VietnamTime.DateOf(services.GetRequiredService<TimeProvider>().GetUtcNow());

    private static async Task<Dictionary<string, Unit>> UnitsByCodeAsync(AntqDbContext db) =>
        (await db.Units.AsNoTracking().ToListAsync()).GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.First());

    [Fact]
    public async Task Seed_Today_CommunesDirectlyUnderTheCity_RealCodesAndNames()
    {
        var admin = await LoginAsync("admin@dongnai.demo");
        using var scope = host.Factory.Services.CreateScope();
        var cityFrom = new DateOnly(2026, 4, 30);
        var today = Today(scope.ServiceProvider);
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal(today >= cityFrom ? "Thành phố Đồng Nai" : "Tỉnh Đồng Nai", me.Str("unitName"));

        var communes = await admin.ItemsAsync("/api/units?level=commune&take=500");
        var byCode = communes.ToDictionary(c => c.Str("code"), c => (Name: c.Str("name"), Kind: c.Str("kind")));
        Assert.Equal(("Phường Trấn Biên", "phuong"), byCode[TranBien]);
        Assert.Equal(("Phường Trảng Dài", "phuong"), byCode["25993"]);
        Assert.Equal(("Phường Hố Nai", "phuong"), byCode["26005"]);
        Assert.Equal(("Xã Đak Lua", "xa"), byCode["26119"]);
        Assert.Equal(("Phường Đồng Xoài", "phuong"), byCode["25210"]);
        Assert.Equal(today >= cityFrom ? ("Phường Trảng Bom", "phuong") : ("Xã Trảng Bom", "xa"), byCode[TrangBom]);
        Assert.InRange(communes.Count, 12, 95);
        Assert.All(communes, c => Assert.Equal(me.Int("unitId"), c.Int("parentId")));
        Assert.DoesNotContain(communes, c => c.Str("name") is "Phường Quyết Thắng" or "Phường Tân Phong" or "Xã Hố Nai 3");

        // The year's structure has no district level; the former districts are closed units.
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        var thisYear = await scope.ServiceProvider.GetRequiredService<UnitPeriods>().ForYearAsync(today.Year);
        Assert.DoesNotContain(thisYear.Units.Values, u => u.LevelId == "district");
        Assert.All(await db.Units.AsNoTracking().Where(u => u.LevelId == "district").ToListAsync(), d => Assert.False(d.Active));
    }

    [Fact]
    public async Task Seed_History_2024ThreeLevelsAndTodayTwoLevels_SideBySide()
    {
        using var scope = await ScopeAsync();
        var services = scope.ServiceProvider;
        var units = await UnitsByCodeAsync(services.GetRequiredService<AntqDbContext>());
        var periods = services.GetRequiredService<UnitPeriods>();

        var y2024 = await periods.ForYearAsync(2024);
        var then = y2024.Find(units[TranBien].Id)!;
        Assert.Equal(("Phường Trung Dũng", "commune"), (then.Name, then.LevelId));
        Assert.Equal(["Thành phố Biên Hòa", "Tỉnh Đồng Nai"], y2024.Ancestors(units[TranBien].Id).Select(u => u.Name));
        Assert.Equal(["Huyện Trảng Bom", "Tỉnh Đồng Nai"], y2024.Ancestors(units[TrangBom].Id).Select(u => u.Name));
        Assert.Equal("Thị trấn Trảng Bom", y2024.Find(units[TrangBom].Id)!.Name);
        Assert.Null(y2024.Find(units["26119"].Id)); // Xã Đak Lua's predecessor is not in the demo's history

        var now = await periods.ForYearAsync(Today(services).Year);
        Assert.Equal("Phường Trấn Biên", now.Find(units[TranBien].Id)!.Name);
        Assert.Equal([now.Find(units[TranBien].Id)!.ParentId], now.Ancestors(units[TranBien].Id).Select(u => (int?)u.Id));
        Assert.Null(now.Find(units[BienHoa].Id));
        Assert.Null(now.Find(units[TrangBomDistrict].Id));
    }

    [Fact]
    public async Task Seed_TrangBom_XaBecomesPhuongAsANewPeriod()
    {
        using var scope = await ScopeAsync();
        var units = await UnitsByCodeAsync(scope.ServiceProvider.GetRequiredService<AntqDbContext>());
        var history = await scope.ServiceProvider.GetRequiredService<UnitPeriods>().HistoryAsync(units[TrangBom].Id);
        Assert.Equal(
            [("Thị trấn Trảng Bom", "thi-tran", "district"), ("Xã Trảng Bom", "xa", "province"), ("Phường Trảng Bom", "phuong", "province")],
            history.Select(p => (p.Name, p.KindId, units.Values.Single(u => u.Id == p.ParentId).LevelId)));
        Assert.Equal([new DateOnly(2025, 6, 30), new DateOnly(2026, 4, 29), (DateOnly?)null], history.Select(p => p.ValidTo));
        Assert.Equal(new DateOnly(2026, 4, 30), history[^1].ValidFrom);
        Assert.Equal("NQ 237/NQ-UBTVQH16", history[^1].Basis);
        Assert.All(history, p => Assert.Equal(TrangBom, p.Code));
        Assert.Equal("Ủy ban nhân dân phường Trảng Bom", history[^1].AuthorityName);
    }

    [Theory]
    [InlineData("admin@dongnai.demo", "admin", "Đồng Nai")]
    [InlineData("tinh@dongnai.demo", "reviewer", "Đồng Nai")]
    [InlineData("tranbien@dongnai.demo", "unit", "Phường Trấn Biên")]
    [InlineData("tranbien.bcd@dongnai.demo", "reviewer", "Phường Trấn Biên")]
    [InlineData("trangbom@dongnai.demo", "unit", " Trảng Bom")]
    [InlineData("daklua@dongnai.demo", "unit", "Xã Đak Lua")]
    [InlineData("truongthpt@dongnai.demo", "unit", "Trường THPT ")]
    [InlineData("doanhnghiep@dongnai.demo", "unit", null)]
    public async Task Seed_Accounts_LogInWithRoleAndScope(string email, string role, string? unitName)
    {
        var client = await LoginAsync(email);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal(role, me.Str("role"));
        if (unitName is not null) Assert.Contains(unitName, me.Str("unitName"), StringComparison.Ordinal);
        else Assert.Matches("^(Công ty|Doanh nghiệp tư nhân) ", me.Str("unitName"));
        Assert.Contains(StartupBanner.DemoAccounts, a => a.Email == email && a.Password == Password);
    }

    [Fact]
    public async Task Seed_Dossiers_EveryState_RoutedByTheRulesOfTheirYear()
    {
        using var scope = await ScopeAsync();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AntqDbContext>();
        var directory = services.GetRequiredService<UnitDirectory>();
        var catalog = services.GetRequiredService<PackCatalog>();
        var year = Today(services).Year;
        var rows = await db.Submissions.Include(s => s.Unit).AsNoTracking().Where(s => s.Unit!.KindId != "khu-dan-cu").ToListAsync();
        Assert.Equal(
            new[] { SubmissionStatus.Approved, SubmissionStatus.Draft, SubmissionStatus.NotRecognised, SubmissionStatus.Recognised, SubmissionStatus.Returned, SubmissionStatus.Submitted },
            rows.Where(r => r.Year == year).Select(s => s.Status).Distinct().Order());
        Assert.Equal([2024, year], rows.Select(r => r.Year).Distinct().Order());
        foreach (var row in rows)
        {
            var pack = (await catalog.GetActiveAsync(row.PackId))!;
            Assert.Equal(pack.Manifest.Version, row.PackVersion);
            var chain = await directory.ReviewChainAsync(row.Unit!, pack.Manifest, row.Year);
            Assert.NotEmpty(chain);
            // Submitted: the next reviewer up the chain acts (after those who endorsed it); approved: the recognising level decides;
            // otherwise nobody is waited on.
            var endorsed = await db.AuditEntries.CountAsync(a => a.SubmissionId == row.Id && a.Action == SubmissionAudit.Endorsed);
            var expected = row.Status switch { SubmissionStatus.Submitted => chain[endorsed].Id, SubmissionStatus.Approved => chain[^1].Id, _ => (int?)null };
            Assert.Equal(expected, row.PendingUnitId);
            if (row.Year == year) Assert.DoesNotContain(chain, u => u.LevelId == "district");
            else Assert.Contains(chain, u => u.LevelId == "district");
            var evaluation = StoredEvaluation.Read(row.EvaluationJson)!;
            Assert.Equal(row.PackId, evaluation.Pack.Id);
            Assert.NotEmpty(evaluation.Criteria);
        }
        Assert.Contains(rows, s => s.Year == year && s.Status == SubmissionStatus.Recognised && s.DecisionNumber is not null && s.OutcomeId == "dat");
        Assert.All(rows.Where(r => r.Year == 2024), r => Assert.Equal(SubmissionStatus.Recognised, r.Status));
        // A step of a two-step chain: endorsed by its phường, now waiting at the city.
        var rootId = await db.Units.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync();
        Assert.Contains(rows, r => r.Year == year && r.Status == SubmissionStatus.Submitted && r.Unit!.Code == $"{TranBien}-DN02" && r.PendingUnitId == rootId);
        // The ward that is Phường Trấn Biên today: its 2024 dossier went to Thành phố Biên Hòa; a commune's this year goes to the city.
        var old = rows.Single(r => r.Year == 2024 && r.Unit!.Code == TranBien);
        var oldChain = await directory.ReviewChainAsync(old.Unit!, (await catalog.GetActiveAsync(old.PackId))!.Manifest, 2024);
        Assert.Equal(["Thành phố Biên Hòa"], oldChain.Select(u => u.Name));
        var current = rows.First(r => r.Year == year && r.Unit!.LevelId == "commune");
        var currentChain = await directory.ReviewChainAsync(current.Unit!, (await catalog.GetActiveAsync(current.PackId))!.Manifest, year);
        Assert.Equal([rootId], currentChain.Select(u => u.Id));
    }

    [Fact]
    public async Task Seed_SentDossiersOfPacksRequiringTheMinutes_CarryTheUnitsOwnMeetingAndMinutes()
    {
        using var scope = await ScopeAsync();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AntqDbContext>();
        var catalog = services.GetRequiredService<PackCatalog>();
        var rows = await db.Submissions.AsNoTracking().ToListAsync();
        var requiring = 0;
        var kinds = new HashSet<string>();
        foreach (var row in rows)
        {
            var pack = (await catalog.GetActiveAsync(row.PackId))!;
            var heldByUnit = Meetings.HeldByUnit(pack);
            var meetings = await db.Meetings.AsNoTracking().Where(m => m.SubmissionId == row.Id).ToListAsync();
            var minutes = await db.IssuedDocuments.AsNoTracking().Where(d => d.SubmissionId == row.Id && d.DocumentId.StartsWith("bien-ban")).ToListAsync();
            if (!heldByUnit || row.Status == SubmissionStatus.Draft)
            {
                Assert.Empty(meetings);
                Assert.Empty(minutes);
                continue;
            }
            requiring++;
            // TT124 Điều 9 khoản 1: the unit held it before sending, the Công an cơ sở attending; the minutes are the unit's document.
            var meeting = Assert.Single(meetings);
            Assert.Equal(row.UnitId, meeting.UnitId);
            // Held within the year before the dossier went up, the minutes dated that day (not the day the demo was seeded).
            Assert.True(meeting.StartAt < row.SubmittedAt && meeting.StartAt > row.SubmittedAt!.Value.AddYears(-1), $"{row.PackId}: meeting {meeting.StartAt}, sent {row.SubmittedAt}");
            var roles = Meetings.Attendees(meeting).Select(a => a.Role).ToList();
            Assert.All(Meetings.OwnMinutes(pack)!.RequiredRoles, required => Assert.Contains(required, roles));
            var issued = Assert.Single(minutes);
            Assert.Equal(row.UnitId, issued.IssuerUnitId);
            Assert.Equal(meeting.Id, issued.MeetingId);
            Assert.Equal(VietnamTime.DateOf(meeting.EndAt!.Value), issued.IssueDate);
            // A commune's minutes carry its committee's sign (…/BB-UBND); an area's or an organisation's have none.
            Assert.Matches(@"^\d{2}/BB(-UBND)?$", issued.Number);
            kinds.Add(row.PackId);
        }
        // The dossiers sent this year and in 2024 by communes, khu dân cư, agencies, enterprises and schools.
        Assert.True(requiring >= 10, $"{requiring} dossiers carry the unit's minutes");
        Assert.Contains("tt124.khu-dan-cu", kinds);
        Assert.Contains("tt124.co-so-giao-duc", kinds);
    }

    [Fact]
    public async Task Seed_Routing_EachOrganisationKind_ByItsManagingLevel()
    {
        using var scope = await ScopeAsync();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AntqDbContext>();
        var catalog = services.GetRequiredService<PackCatalog>();
        var year = Today(services).Year;
        var units = await db.Units.AsNoTracking().ToListAsync();
        var periods = await db.UnitPeriods.AsNoTracking().ToListAsync();
        var byCode = units.GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.First());
        var root = units.Single(u => u.ParentId == null);
        var tranBien = byCode[TranBien];

        async Task<ReviewRoute> RouteAsync(string code, string packId, int dossierYear, bool delegates = false)
        {
            root.DelegatesRecognition = delegates; // in memory only: the shared database keeps the seeded setting
            var hierarchy = UnitHierarchy.Build(UnitPeriods.ReferenceDate(dossierYear), units, periods);
            return RecognitionRouting.Route(hierarchy.Find(byCode[code].Id)!, (await catalog.GetActiveAsync(packId))!.Manifest, hierarchy);
        }
        static int[] Ids(ReviewRoute route) => route.Chain.Select(u => u.Id).ToArray();

        // Khu dân cư → its phường.
        Assert.Equal([tranBien.Id], Ids(await RouteAsync($"{TranBien}-KP01", "tt124.khu-dan-cu", year)));
        // Phường: the city this year, the former district in 2024.
        Assert.Equal([root.Id], Ids(await RouteAsync(TranBien, "tt124.xa", year)));
        Assert.Equal([byCode[BienHoa].Id], Ids(await RouteAsync(TranBien, "tt124.xa", 2024)));
        // A THPT school in a phường, managed by the city; a lower-secondary school and an enterprise managed by the phường.
        var thpt = byCode[$"{TranBien}-GD03"];
        Assert.Equal((root.Id, "co-so-giao-duc"), (thpt.ManagingUnitId, thpt.KindId));
        Assert.Equal([root.Id], Ids(await RouteAsync(thpt.Code, "tt124.co-so-giao-duc", year)));
        Assert.Equal([tranBien.Id], Ids(await RouteAsync($"{TranBien}-GD01", "tt124.co-so-giao-duc", year)));
        Assert.Equal([tranBien.Id], Ids(await RouteAsync($"{TranBien}-DN01", "tt124.co-quan-doanh-nghiep", year)));
        // The điển hình programme: through the managing phường to the city.
        Assert.Equal([tranBien.Id, root.Id], Ids(await RouteAsync($"{TranBien}-DN01", "qd9745.co-quan-doanh-nghiep-giao-duc", year)));
        // Followed by a Ministry unit: decided outside; the city only records it.
        var outside = await RouteAsync($"{TranBien}-CQ02", "tt124.co-quan-doanh-nghiep", year);
        Assert.True(outside.Outside);
        Assert.Equal([root.Id], Ids(outside));
        // The city delegates: the THPT school's recognition goes one level down, to its phường.
        Assert.False((await RouteAsync(thpt.Code, "tt124.co-so-giao-duc", year)).Delegated);
        var delegated = await RouteAsync(thpt.Code, "tt124.co-so-giao-duc", year, delegates: true);
        Assert.True(delegated.Delegated);
        Assert.Equal([tranBien.Id], Ids(delegated));
    }

    [Fact]
    public async Task Seed_DocumentHeads_2024KeepTheOldNames_TodayTheNewOnes()
    {
        using var scope = await ScopeAsync();
        var services = scope.ServiceProvider;
        var units = await UnitsByCodeAsync(services.GetRequiredService<AntqDbContext>());
        var heads = services.GetRequiredService<DocumentHeads>();
        var year = Today(services).Year;

        var then = await heads.UnitInfoAsync(units[TranBien], 2024, CancellationToken.None);
        Assert.Equal(("Phường Trung Dũng", "Thành phố Biên Hòa"), (then.Name, then.ParentName));
        Assert.Equal("Trung Dũng", await heads.PlaceAsync(units[TranBien], 2024, CancellationToken.None));
        var district = await heads.ReviewingHeadAsync(units[BienHoa], 2024, CancellationToken.None);
        Assert.Equal(("Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc thành phố Biên Hòa",
            "Ủy ban nhân dân thành phố Biên Hòa"), district);

        var now = await heads.UnitInfoAsync(units[TranBien], year, CancellationToken.None);
        Assert.Equal("Phường Trấn Biên", now.Name);
        Assert.Contains("Đồng Nai", now.ParentName, StringComparison.Ordinal);
        Assert.Equal("Trấn Biên", await heads.PlaceAsync(units[TranBien], year, CancellationToken.None));
        Assert.Equal("Ủy ban nhân dân phường Trấn Biên", (await heads.OwnHeadAsync(units[TranBien], year, CancellationToken.None))!.Value.Issuer);
    }

    [Fact]
    public async Task Seed_ResidentialAreas_SampleNames_WardDossierCountsThemFromTheSystem()
    {
        using var scope = await ScopeAsync();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        var year = Today(scope.ServiceProvider).Year;
        var areas = await db.Units.AsNoTracking().Include(u => u.Parent).Where(u => u.KindId == "khu-dan-cu").ToListAsync();
        Assert.Equal(9, areas.Count);
        Assert.All(areas, a => Assert.EndsWith("(dữ liệu mẫu)", a.Name, StringComparison.Ordinal));
        Assert.All(areas, a => Assert.Equal("Phường Trấn Biên", a.Parent!.Name));
        var dossiers = await db.Submissions.AsNoTracking().Where(s => s.PackId == "tt124.khu-dan-cu").ToListAsync();
        Assert.All(dossiers, d => Assert.Equal(year, d.Year));
        Assert.Equal((7, 1), (dossiers.Count(d => d.Status == SubmissionStatus.Recognised), dossiers.Count(d => d.Status == SubmissionStatus.Submitted)));
        var ward = await db.Submissions.AsNoTracking().Include(s => s.Unit).SingleAsync(s => s.PackId == "tt124.xa" && s.Year == year && s.Unit!.Code == TranBien);
        Assert.Equal(SubmissionStatus.Draft, ward.Status);
        var facts = StoredEvaluation.Read(ward.EvaluationJson)!.Facts!;
        var recognised = facts.Single(f => f.Id == "children.khu-dan-cu.recognised");
        Assert.Equal((7, "7/9 khu dân cư đã được công nhận"), (recognised.Value.GetInt32(), recognised.Source));
    }

    [Fact]
    public async Task Seed_RunTwice_AddsNothing()
    {
        await LoginAsync("admin@dongnai.demo");
        static async Task<(int, int, int, int, int)> CountAsync(IServiceProvider services)
        {
            var db = services.GetRequiredService<AntqDbContext>();
            return (await db.Units.CountAsync(), await db.UnitPeriods.CountAsync(), await db.Users.CountAsync(), await db.Submissions.CountAsync(), await db.AuditEntries.CountAsync());
        }
        using var firstScope = host.Factory.Services.CreateScope();
        var before = await CountAsync(firstScope.ServiceProvider);

        using var again = host.Restart();
        Assert.Equal(HttpStatusCode.OK, (await again.CreateClient().GetAsync("/health")).StatusCode);
        using var secondScope = again.Services.CreateScope();
        Assert.Equal(before, await CountAsync(secondScope.ServiceProvider));
        Assert.True(before.Item1 > 12 * 5);
    }
}
