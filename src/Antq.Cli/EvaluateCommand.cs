using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Evaluation;

namespace Antq.Cli;

/// <summary><c>antq evaluate</c>: the evaluation result of pack-format.md for one data file.</summary>
internal static class EvaluateCommand
{
    public static int Run(CliArgs args, TextWriter output, TextWriter errors)
    {
        var (unitKindOption, year) = (args.Option("--unit-kind"), ParseYear(args.Option("--year")));
        if (!File.Exists(args.Positional[1])) { errors.WriteLine($"Không tìm thấy tệp dữ liệu: {args.Positional[1]}"); return CliApp.Refused; }
        JsonElement data;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(args.Positional[1]), new JsonDocumentOptions { MaxDepth = 64 });
            data = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            errors.WriteLine($"Tệp dữ liệu không phải JSON hợp lệ: {e.Message}");
            return CliApp.Refused;
        }
        PackFacts? facts = null;
        if (args.Option("--facts") is { } factsFile)
        {
            if (!File.Exists(factsFile)) { errors.WriteLine($"Không tìm thấy tệp dữ kiện: {factsFile}"); return CliApp.Refused; }
            try { facts = PackFacts.Parse(JsonNode.Parse(File.ReadAllBytes(factsFile), documentOptions: new JsonDocumentOptions { MaxDepth = 64 }), out var factsError); if (factsError is not null) { errors.WriteLine(factsError); return CliApp.Refused; } }
            catch (JsonException e) { errors.WriteLine($"Tệp dữ kiện không phải JSON hợp lệ: {e.Message}"); return CliApp.Refused; }
        }
        var loaded = PackSources.Load(args, runTests: false);
        if (!loaded.Ok)
        {
            errors.WriteLine($"✗ Gói bị từ chối ({loaded.Errors.Count} lỗi):");
            PackSources.PrintErrors(loaded.Errors, errors);
            return CliApp.Refused;
        }
        var pack = loaded.Pack;
        // A test case file ({ unit, year, data, facts?, expect }) can be evaluated directly.
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("data", out var inner) && data.TryGetProperty("expect", out _))
        {
            if (facts is null && data.TryGetProperty("facts", out var caseFacts)) facts = PackFacts.Parse(JsonNode.Parse(caseFacts.GetRawText()), out _);
            unitKindOption ??= data.TryGetProperty("unit", out var u) && u.TryGetProperty("kind", out var k) ? k.GetString() : null;
            year ??= data.TryGetProperty("year", out var y) && y.TryGetInt32(out var yy) ? yy : null;
            data = inner;
        }
        var unitKind = unitKindOption ?? pack.Manifest.UnitKinds[0];
        if (!pack.Manifest.UnitKinds.Contains(unitKind))
            throw new CliUsageException($"Loại đơn vị \"{unitKind}\" không thuộc gói (có: {string.Join(", ", pack.Manifest.UnitKinds)}).");
        if (facts is not null && facts.Values.Keys.FirstOrDefault(id => pack.Manifest.Facts.All(f => f.Id != id)) is { } unknown)
            throw new CliUsageException($"Dữ kiện \"{unknown}\" không được khai báo trong pack.json → facts (có: {string.Join(", ", pack.Manifest.Facts.Select(f => f.Id))}).");
        var result = pack.Evaluate(new UnitInfo(unitKind), year ?? DateTime.Now.Year, data, facts);
        if (args.Json) CliJson.Write(output, result);
        else ResultTable.Write(result, output);
        return CliApp.Ok;
    }

    private static int? ParseYear(string? text)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2200) return year;
        throw new CliUsageException($"--year phải là một năm (ví dụ 2025), không phải \"{text}\".");
    }
}
