using System.Diagnostics;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Antq.TestKit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Antq.National;

/// <summary>
/// Prepares the database as a server start would (migrations, reference data, shipped packs), then writes the
/// national hierarchy (<see cref="NationalHierarchy"/>), a year of dossiers (<see cref="NationalDossiers"/>) and a
/// few accounts with binary COPY, and refreshes the planner's statistics.
/// </summary>
public static class NationalGenerator
{
    public const string NationalLevel = "national";

    public static async Task<int> RunAsync(NationalOptions options, TextWriter output)
    {
        var total = Stopwatch.StartNew();
        await using var provider = Services(options);
        await using var scope = provider.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AntqDbContext>();
        await db.Database.MigrateAsync();
        await ReferenceData.EnsureAsync(db, services.GetRequiredService<RoleManager<IdentityRole>>());
        var registry = services.GetRequiredService<PackRegistry>();
        foreach (var folder in Directory.GetDirectories(RepoPaths.CriteriaPacks).Order(StringComparer.Ordinal))
            if (await registry.ImportFolderAsync(folder) is UploadOutcome.Refused refused)
                throw new NationalSetupException($"{folder}: {string.Join("; ", refused.Errors)}");

        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        if (options.Reset) await NationalReset.RunAsync(connection, db);
        var roots = await db.Units.Where(u => u.ParentId == null).ToListAsync();
        if (roots.Count != 1) throw new NationalSetupException($"the database has {roots.Count} root units; use a fresh database.");
        var root = roots[0];
        if (await db.Units.AnyAsync(u => u.Code.StartsWith(NationalHierarchy.CodePrefix)))
            throw new NationalSetupException("national data is already there; add --reset to generate it again.");
        if (await db.Units.AnyAsync(u => u.ParentId != null))
            throw new NationalSetupException("the database holds units of its own (a demo?); use a fresh database.");
        await MakeNationalAsync(db, root);

        var step = Stopwatch.StartNew();
        var firstId = (await db.Units.MaxAsync(u => u.Id)) + 1;
        var hierarchy = NationalHierarchy.Build(root, firstId, options.Scale);
        await PgCopy.CopyAsync(connection, db, hierarchy.Units);
        await PgCopy.ResyncIdentityAsync<Unit>(connection, db);
        await PgCopy.CopyAsync(connection, db, hierarchy.Periods, storeGeneratedKey: true);
        output.WriteLine($"units: {hierarchy.Units.Count:N0} ({hierarchy.ProvinceUnits.Count} provinces, {hierarchy.CommuneUnits.Count:N0} communes), "
            + $"{hierarchy.Periods.Count:N0} periods in {step.Elapsed.TotalSeconds:0.0} s");

        step.Restart();
        var packs = await ActivePacksByKindAsync(db, services.GetRequiredService<PackCatalog>());
        var random = new Random(options.Seed);
        var now = new DateTimeOffset(options.Year, 11, 15, 9, 0, 0, TimeSpan.Zero);
        // Areas and organisations first: the communes' verdicts read their facts (registered, recognised) from these dossiers.
        var below = new NationalDossiers();
        foreach (var unit in hierarchy.Units.Where(u => u.LevelId == "unit"))
        {
            if (!packs.TryGetValue(unit.KindId, out var pack) || random.NextDouble() >= 0.9) continue;
            var commune = hierarchy.ById(unit.ParentId!.Value);
            // The unit as SubmissionEvaluator.UnitInfoAsync reads it; the parent is in memory here, not one query per dossier.
            var info = new UnitInfo(unit.KindId, unit.Code, unit.Name, unit.LevelId, commune.Name);
            var reviewer = unit.ManagingUnitId is { } managing ? hierarchy.ById(managing) : commune;
            below.Add(unit, reviewer, pack, options.Year, random, data => pack.Evaluate(info, options.Year, data), now);
        }
        await WriteAsync(connection, db, below);
        output.WriteLine($"dossiers of areas and organisations: {below.Submissions.Count:N0}, audit entries {below.Audit.Count:N0}, documents {below.Documents.Count:N0} in {step.Elapsed.TotalSeconds:0.0} s");

        step.Restart();
        var communes = new NationalDossiers();
        var evaluator = new SubmissionEvaluator(db);
        foreach (var unit in hierarchy.CommuneUnits)
        {
            if (!packs.TryGetValue(unit.KindId, out var pack)) continue;
            var province = hierarchy.ById(unit.ParentId!.Value);
            // The server's own evaluator: the hierarchy facts the pack declares come from the dossiers written above.
            var facts = await evaluator.FactsAsync(pack, unit, options.Year, CancellationToken.None);
            var info = await evaluator.UnitInfoAsync(unit, CancellationToken.None);
            communes.Add(unit, province, pack, options.Year, random, data => pack.Evaluate(info, options.Year, data, facts), now);
        }
        await WriteAsync(connection, db, communes);
        output.WriteLine($"dossiers of communes: {communes.Submissions.Count:N0} in {step.Elapsed.TotalSeconds:0.0} s");

        step.Restart();
        var accounts = await NationalAccounts.CreateAsync(services.GetRequiredService<UserManager<AppUser>>(), hierarchy, options.Password);
        await PgCopy.ExecuteAsync(connection, "ANALYZE");
        output.WriteLine($"accounts: {accounts} (bcd-NN@national.test, xa-NN@national.test; password from --password); ANALYZE done in {step.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"done in {total.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static ServiceProvider Services(NationalOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        var antq = new AntqOptions
        {
            Provider = DbProvider.Postgres, ConnectionString = options.ConnectionString,
            PacksDirectory = RepoPaths.CriteriaPacks, TemplatesDirectory = RepoPaths.Templates,
        };
        services.AddSingleton(antq);
        services.AddAntqData(antq);
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AntqDbContext>();
        services.AddSingleton<PackCatalog>();
        services.AddScoped<PackRegistry>();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The root becomes the national level above the 34 provinces. Levels are data: "national" ranks with the
    /// province (rank 0 is the top); the rank only orders level lists and guards hand edits of the tree.
    /// </summary>
    private static async Task MakeNationalAsync(AntqDbContext db, Unit root)
    {
        if (!await db.UnitLevels.AnyAsync(l => l.Id == NationalLevel))
            db.UnitLevels.Add(new UnitLevel { Id = NationalLevel, Name = "Cấp trung ương", Rank = 0 });
        root.Code = "VN";
        root.Name = "Toàn quốc";
        root.LevelId = NationalLevel;
        await db.SaveChangesAsync();
    }

    /// <summary>Per unit kind, the active pack that covers it (TT124's packs before the older QĐ 9745 ones).</summary>
    private static async Task<Dictionary<string, CompiledPack>> ActivePacksByKindAsync(AntqDbContext db, PackCatalog catalog)
    {
        var byKind = new Dictionary<string, CompiledPack>(StringComparer.Ordinal);
        var active = await db.ActivePacks.AsNoTracking().Select(a => a.PackId).ToListAsync();
        foreach (var packId in active.OrderBy(id => id.StartsWith("tt124.", StringComparison.Ordinal) ? 0 : 1).ThenBy(id => id, StringComparer.Ordinal))
        {
            var pack = await catalog.GetActiveAsync(packId) ?? throw new NationalSetupException($"active pack {packId} cannot be read.");
            if (pack.Tests.Count == 0) throw new NationalSetupException($"pack {packId} has no test cases to take data from.");
            foreach (var kind in pack.Manifest.UnitKinds) byKind.TryAdd(kind, pack);
        }
        return byKind;
    }

    private static async Task WriteAsync(NpgsqlConnection connection, AntqDbContext db, NationalDossiers dossiers)
    {
        await PgCopy.CopyAsync(connection, db, dossiers.Submissions);
        await PgCopy.CopyAsync(connection, db, dossiers.Audit, storeGeneratedKey: true);
        await PgCopy.CopyAsync(connection, db, dossiers.Documents, storeGeneratedKey: true);
        await PgCopy.CopyAsync(connection, db, dossiers.Counters.Select(c => new DocumentCounter
        {
            IssuerUnitId = c.Key.Unit, Year = c.Key.Year, Kind = c.Key.Kind, LastSequence = c.Value,
        }));
    }
}
