using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
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

public sealed class DemoSeederTests(DemoHost host) : IClassFixture<DemoHost>
{
    private const string Password = "DongNai@2025";

    private Task<HttpClient> LoginAsync(string email) => ApiLogin.AsAsync(host.Factory, email, Password);

    [Fact]
    public async Task Seed_Districts_ElevenWithRealNames()
    {
        var admin = await LoginAsync("admin@dongnai.demo");
        var districts = await admin.ItemsAsync("/api/units?level=district");
        Assert.True(districts.Count >= 11);
        var names = districts.Select(d => d.Str("name")).ToList();
        foreach (var name in new[] { "Thành phố Biên Hòa", "Thành phố Long Khánh", "Huyện Trảng Bom", "Huyện Nhơn Trạch", "Huyện Định Quán", "Huyện Xuân Lộc" })
            Assert.Contains(name, names);
        Assert.All(districts, d => Assert.Equal(1, d.Int("depth")));
    }

    [Fact]
    public async Task Seed_BienHoaReviewer_SeesRealWardsOnlyInItsCity()
    {
        var reviewer = await LoginAsync("bienhoa@dongnai.demo");
        var me = await reviewer.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("Thành phố Biên Hòa", me.Str("unitName"));
        var wards = await reviewer.ItemsAsync("/api/units?kind=phuong&take=500");
        var names = wards.Select(w => w.Str("name")).ToList();
        foreach (var name in new[] { "Phường Tân Phong", "Phường Trảng Dài", "Phường Hố Nai", "Phường Long Bình", "Phường Quyết Thắng", "Phường Tam Hiệp" })
            Assert.Contains(name, names);
        Assert.True(wards.Count >= 25);
        Assert.All(wards, w => Assert.Equal(me.Int("unitId"), w.Int("parentId")));
        Assert.DoesNotContain(await reviewer.ItemsAsync("/api/units?q=H%E1%BB%91%20Nai%203"), u => u.Str("name") == "Xã Hố Nai 3");
    }

    [Fact]
    public async Task Seed_TrangBom_AllCommunesAndGeneratedOrganisations()
    {
        var reviewer = await LoginAsync("trangbom@dongnai.demo");
        var units = await reviewer.ItemsAsync("/api/units?take=500");
        var communes = units.Where(u => u.Str("level") == "commune").ToList();
        Assert.Equal(17, communes.Count);
        Assert.Contains(communes, c => c.Str("name") == "Thị trấn Trảng Bom" && c.Str("kind") == "thi-tran");
        Assert.Contains(communes, c => c.Str("name") == "Xã Hố Nai 3" && c.Str("kind") == "xa");
        foreach (var kind in new[] { "co-quan", "doanh-nghiep", "co-so-giao-duc" })
            Assert.Contains(units, u => u.Str("kind") == kind);
        Assert.Contains(units, u => u.Str("name").StartsWith("Trường THPT ", StringComparison.Ordinal) || u.Str("name").StartsWith("Trường THCS ", StringComparison.Ordinal));
        Assert.Contains(units, u => u.Str("name").StartsWith("Công ty ", StringComparison.Ordinal) || u.Str("name").StartsWith("Doanh nghiệp tư nhân ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("admin@dongnai.demo", "admin", "Tỉnh Đồng Nai")]
    [InlineData("tinh@dongnai.demo", "reviewer", "Tỉnh Đồng Nai")]
    [InlineData("bienhoa@dongnai.demo", "reviewer", "Thành phố Biên Hòa")]
    [InlineData("trangbom@dongnai.demo", "reviewer", "Huyện Trảng Bom")]
    [InlineData("tanphong@dongnai.demo", "unit", "Phường Tân Phong")]
    [InlineData("tanbien@dongnai.demo", "unit", "Phường Tân Biên")]
    [InlineData("honai3@dongnai.demo", "unit", "Xã Hố Nai 3")]
    [InlineData("truonghoc@dongnai.demo", "unit", null)]
    public async Task Seed_Accounts_LogInWithRoleAndScope(string email, string role, string? unitName)
    {
        var client = await LoginAsync(email);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal(role, me.Str("role"));
        if (unitName is not null) Assert.Equal(unitName, me.Str("unitName"));
        else Assert.StartsWith("Trường ", me.Str("unitName"));
        Assert.Contains(StartupBanner.DemoAccounts, a => a.Email == email && a.Password == Password);
    }

    [Fact]
    public async Task Seed_Submissions_EveryStateWithConsistentPendingUnit()
    {
        await LoginAsync("admin@dongnai.demo");
        using var scope = host.Factory.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AntqDbContext>()
            .Submissions.Include(s => s.Unit).AsNoTracking().ToListAsync();
        Assert.Equal(
            new[] { SubmissionStatus.Approved, SubmissionStatus.Draft, SubmissionStatus.Recognised, SubmissionStatus.Returned, SubmissionStatus.Submitted },
            rows.Select(s => s.Status).Distinct().Order());
        foreach (var row in rows)
        {
            // Submitted: the parent reviews first; approved: the recognising district decides; otherwise nobody is waited on.
            if (row.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved) Assert.Equal(row.Unit!.ParentId, row.PendingUnitId);
            else Assert.Null(row.PendingUnitId);
            var evaluation = StoredEvaluation.Read(row.EvaluationJson)!;
            Assert.Equal(row.PackId, evaluation.Pack.Id);
            Assert.NotEmpty(evaluation.Criteria);
        }
        Assert.Contains(rows, s => s.Status == SubmissionStatus.Recognised && s.DecisionNumber is not null && s.OutcomeId == "dat");
    }

    [Fact]
    public async Task Seed_ResidentialAreas_WardDossierCountsThemFromTheSystem()
    {
        await LoginAsync("admin@dongnai.demo");
        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        var areas = await db.Units.AsNoTracking().Where(u => u.KindId == "khu-dan-cu").ToListAsync();
        Assert.Equal(9, areas.Count);
        var dossiers = await db.Submissions.AsNoTracking().Where(s => s.PackId == "tt124.khu-dan-cu").ToListAsync();
        Assert.Equal((7, 1), (dossiers.Count(d => d.Status == SubmissionStatus.Recognised), dossiers.Count(d => d.Status == SubmissionStatus.Submitted)));
        var ward = await db.Submissions.AsNoTracking().Include(s => s.Unit).SingleAsync(s => s.PackId == "tt124.xa");
        Assert.Equal("Phường Tân Biên", ward.Unit!.Name);
        var facts = StoredEvaluation.Read(ward.EvaluationJson)!.Facts!;
        var recognised = facts.Single(f => f.Id == "children.khu-dan-cu.recognised");
        Assert.Equal((7, "7/9 khu dân cư đã được công nhận"), (recognised.Value.GetInt32(), recognised.Source));
    }

    [Fact]
    public async Task Seed_RunTwice_AddsNothing()
    {
        await LoginAsync("admin@dongnai.demo");
        static async Task<(int, int, int, int)> CountAsync(IServiceProvider services)
        {
            var db = services.GetRequiredService<AntqDbContext>();
            return (await db.Units.CountAsync(), await db.Users.CountAsync(), await db.Submissions.CountAsync(), await db.AuditEntries.CountAsync());
        }
        using var firstScope = host.Factory.Services.CreateScope();
        var before = await CountAsync(firstScope.ServiceProvider);

        using var again = host.Restart();
        Assert.Equal(HttpStatusCode.OK, (await again.CreateClient().GetAsync("/health")).StatusCode);
        using var secondScope = again.Services.CreateScope();
        Assert.Equal(before, await CountAsync(secondScope.ServiceProvider));
        Assert.True(before.Item1 > 11 * 8);
    }
}
