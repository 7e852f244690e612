using Antq.FormEngine.Packs;

namespace Antq.Cli;

/// <summary><c>antq pack validate</c> and <c>antq pack test</c>.</summary>
internal static class PackCommands
{
    public static int Validate(CliArgs args, TextWriter output)
    {
        var result = PackSources.Load(args);
        if (args.Json)
        {
            CliJson.Write(output, new
            {
                valid = result.Ok,
                pack = result.Pack is { } p ? new { id = p.Manifest.Id, version = p.Manifest.Version, criteria = p.CriteriaList.Count, tests = p.Tests.Count, hash = p.ContentHash } : null,
                errors = result.Errors.Select(e => new { path = e.Path, code = e.Code, message = e.Message }),
            });
            return result.Ok ? CliApp.Ok : CliApp.Refused;
        }
        if (result.Ok)
        {
            var pack = result.Pack;
            output.WriteLine($"✓ Gói {pack.Manifest.Id} {pack.Manifest.Version} hợp lệ: {pack.CriteriaList.Count} tiêu chí, {pack.Tests.Count} ca kiểm thử đạt, {pack.Templates.Count} mẫu văn bản, {pack.Deadlines.Count} thời hạn.");
            return CliApp.Ok;
        }
        output.WriteLine($"✗ Gói bị từ chối ({result.Errors.Count} lỗi):");
        PackSources.PrintErrors(result.Errors, output);
        return CliApp.Refused;
    }

    public static int Test(CliArgs args, TextWriter output)
    {
        var result = PackSources.Load(args);
        var otherErrors = result.Errors.Where(e => e.Code != "test.failed").ToList();
        if (args.Json)
        {
            CliJson.Write(output, new
            {
                passed = result.TestResults.Count(t => t.Passed),
                failed = result.TestResults.Count(t => !t.Passed),
                tests = result.TestResults.Select(t => new { file = t.File, name = t.Name, passed = t.Passed, failures = t.Failures }),
                errors = otherErrors.Select(e => new { path = e.Path, code = e.Code, message = e.Message }),
            });
            return result.Ok ? CliApp.Ok : CliApp.Refused;
        }
        if (result.TestResults.Count == 0 && otherErrors.Count > 0)
        {
            output.WriteLine($"✗ Không chạy được kiểm thử: gói có {otherErrors.Count} lỗi:");
            PackSources.PrintErrors(otherErrors, output);
            return CliApp.Refused;
        }
        foreach (var test in result.TestResults)
        {
            output.WriteLine($"{(test.Passed ? "✓" : "✗")} {test.File} — {test.Name}");
            foreach (var failure in test.Failures) output.WriteLine($"    {failure}");
        }
        var passed = result.TestResults.Count(t => t.Passed);
        output.WriteLine($"{passed}/{result.TestResults.Count} ca kiểm thử đạt.");
        if (otherErrors.Count > 0)
        {
            output.WriteLine($"✗ Gói còn {otherErrors.Count} lỗi khác:");
            PackSources.PrintErrors(otherErrors, output);
        }
        return result.Ok ? CliApp.Ok : CliApp.Refused;
    }
}
