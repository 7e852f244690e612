using System.Diagnostics;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Exports;
using Antq.Admin.Features.Submissions;
using Antq.FormEngine;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Bench;

/// <summary>
/// `exports [count]`: the dossier export at scale. Builds a SQLite file with <c>count</c> (default 10,000) dossiers of
/// qd9745.xa (one commune each, evaluations from the pack's own test cases), then exports them as XLSX (three sheets)
/// and CSV through the server's own <see cref="DossierExportBuilder"/> and <see cref="ExportTable"/>, and prints the
/// time and the working set (sampled every 20 ms during the export, and the process peak).
/// </summary>
public static class ExportProbe
{
    public static async Task<int> Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        var folder = Path.Combine(Path.GetTempPath(), $"antq-export-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var loaded = PackLoader.Load(Path.Combine(BenchData.RepoRoot, "criteria-packs", "qd9745.xa"),
                new PackLoadOptions { RunTests = false, TemplateDirectory = Path.Combine(BenchData.RepoRoot, "templates") });
            if (!loaded.Ok) throw new InvalidOperationException("qd9745.xa refused: " + string.Join("; ", loaded.Errors));
            var pack = loaded.Pack;
            var options = new DbContextOptionsBuilder<SqliteAntqDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "antq.db")}").Options;
            var seed = Stopwatch.StartNew();
            Unit province;
            await using (var db = new SqliteAntqDbContext(options))
            {
                await db.Database.MigrateAsync();
                province = await SeedAsync(db, pack, count);
            }
            Console.WriteLine($"seeded {count} dossiers in {seed.Elapsed.TotalSeconds:0.0} s");
            GC.Collect();
            var baseline = Process.GetCurrentProcess().WorkingSet64;

            foreach (var (format, sheet) in new[] { (ExportFormat.Xlsx, 0), (ExportFormat.Csv, 0), (ExportFormat.Csv, 1), (ExportFormat.Csv, 2) })
            {
                await using var db = new SqliteAntqDbContext(options);
                var output = Path.Combine(folder, $"export.{format.ToString().ToLowerInvariant()}");
                long peak = 0;
                using var stop = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
                        await Task.Delay(20);
                    }
                });
                var watch = Stopwatch.StartNew();
                var file = await new DossierExportBuilder(db, (_, _, _) => Task.FromResult<CompiledPack?>(pack))
                    .BuildAsync(province, new DossierExportFilter(PackId: pack.Manifest.Id), CancellationToken.None);
                await using (var stream = File.Create(output))
                    await ExportTable.WriteAsync(stream, file, format, sheet, CancellationToken.None);
                watch.Stop();
                stop.Cancel();
                await sampler;
                Console.WriteLine($"{format}{(format == ExportFormat.Csv ? $" (sheet {sheet + 1})" : " (3 sheets)")}: {count} dossiers in {watch.Elapsed.TotalSeconds:0.00} s, file {new FileInfo(output).Length / 1024 / 1024.0:0.0} MiB, "
                    + $"working set during export max {peak / 1024 / 1024} MiB (baseline after seeding {baseline / 1024 / 1024} MiB), "
                    + $"process peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
            }
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Unit> SeedAsync(AntqDbContext db, CompiledPack pack, int count)
    {
        foreach (var (id, name, rank) in Antq.Admin.Infrastructure.ReferenceData.Levels) db.UnitLevels.Add(new UnitLevel { Id = id, Name = name, Rank = rank });
        foreach (var (id, name) in Antq.Admin.Infrastructure.ReferenceData.Kinds) db.UnitKinds.Add(new UnitKind { Id = id, Name = name });
        var province = new Unit { Code = "75", Name = "Tỉnh Đồng Nai", KindId = "tinh", LevelId = "province" };
        db.Units.Add(province);
        await db.SaveChangesAsync();
        province.Path = $"/{province.Id}/";
        await db.SaveChangesAsync();
        var evaluations = pack.Tests.Select(t => (Data: t.Data.GetRawText(), t)).ToList();
        var stored = evaluations.Select(e => (e.Data, Json: StoredEvaluation.Write(pack.Evaluate(e.t.Unit, 2025, e.t.Data)))).ToList();
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < count; start += 1000)
        {
            var units = Enumerable.Range(start, Math.Min(1000, count - start)).Select(i => new Unit
            {
                Code = $"X{i:00000}", Name = $"Xã Số {i}", KindId = "xa", LevelId = "commune", ParentId = province.Id, Depth = 1,
            }).ToList();
            db.Units.AddRange(units);
            await db.SaveChangesAsync();
            foreach (var unit in units) unit.Path = $"{province.Path}{unit.Id}/";
            var i = start;
            foreach (var unit in units)
            {
                var (data, json) = stored[i++ % stored.Count];
                var evaluation = StoredEvaluation.Read(json)!;
                db.Submissions.Add(new SubmissionRecord
                {
                    Id = Guid.NewGuid(), UnitId = unit.Id, PackId = pack.Manifest.Id, PackVersion = pack.Manifest.Version, Year = 2025,
                    Status = SubmissionStatus.Submitted, PendingUnitId = province.Id, DataJson = data, CreateHash = new string('0', 64),
                    EvaluationJson = json, EvaluatedPackHash = pack.ContentHash, OutcomeId = evaluation.Outcome?.Id, Valid = evaluation.Valid,
                    CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
                });
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return province;
    }
}
