using System.Text.Json;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;

namespace Antq.Cli;

/// <summary><c>antq render</c>: one dossier document of a pack for one data file, as print-ready HTML.</summary>
internal static class RenderCommand
{
    public static int Run(CliArgs args, TextWriter output, TextWriter errors)
    {
        var format = args.Option("--format") ?? "html";
        if (format != "html") throw new CliUsageException($"Định dạng \"{format}\" chưa được hỗ trợ (hiện có: html).");
        var loaded = PackSources.Load(args, runTests: false);
        if (!loaded.Ok)
        {
            errors.WriteLine($"✗ Gói bị từ chối ({loaded.Errors.Count} lỗi):");
            PackSources.PrintErrors(loaded.Errors, errors);
            return CliApp.Refused;
        }
        var pack = loaded.Pack;
        var documentId = args.Positional[1];
        var document = pack.Manifest.Documents.FirstOrDefault(d => d.Id == documentId)
            ?? throw new CliUsageException($"Gói không có văn bản \"{documentId}\" (có: {string.Join(", ", pack.Manifest.Documents.Select(d => d.Id))}).");
        JsonElement data;
        try { data = JsonDocument.Parse(File.ReadAllBytes(args.Positional[2])).RootElement.Clone(); }
        catch (Exception e) when (e is JsonException or IOException)
        {
            errors.WriteLine($"Không đọc được tệp dữ liệu JSON: {e.Message}");
            return CliApp.Refused;
        }
        var unit = new UnitInfo(args.Option("--unit-kind") ?? pack.Manifest.UnitKinds[0]);
        var year = int.TryParse(args.Option("--year"), out var y) ? y : DateTime.Now.Year;
        var evaluation = pack.Evaluate(unit, year, data);
        var model = TemplateModel.Build(TemplateModelInput.Sample(unit, year, pack.Manifest, data, evaluation, document.Id, draft: true));
        var rendered = TemplateSandbox.Render(pack.Templates[document.Template], model, RenderOptions.Default);
        if (!rendered.Ok)
        {
            PackSources.PrintErrors(rendered.Errors, errors);
            return CliApp.Refused;
        }
        if (args.Option("--out") is { } path) File.WriteAllText(path, rendered.Output);
        else output.Write(rendered.Output);
        return CliApp.Ok;
    }
}
