using System.Text.Json;
using Antq.Documents;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;

namespace Antq.Cli;

/// <summary>
/// <c>antq render</c>: one dossier document of a pack for one data file, as print-ready HTML
/// (default, to stdout or <c>--out</c>), an editable DOCX or a PDF (both need <c>--out</c>).
/// The document is a draft: no registry number, no signer name, the sample verification code.
/// </summary>
internal static class RenderCommand
{
    public static int Run(CliArgs args, TextWriter output, TextWriter errors)
    {
        var formatText = args.Option("--format") ?? "html";
        var format = DocumentFileFormats.Parse(formatText)
            ?? throw new CliUsageException($"Định dạng \"{formatText}\" không được hỗ trợ (có: html, docx, pdf).");
        var outPath = args.Option("--out");
        if (format != DocumentFileFormat.Html && string.IsNullOrWhiteSpace(outPath))
            throw new CliUsageException($"Định dạng {formatText} là tệp nhị phân: cần --out TỆP để ghi ra tệp.");

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
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Không đọc được tệp dữ liệu JSON: {e.Message}");
            return CliApp.Refused;
        }
        var unit = new UnitInfo(args.Option("--unit-kind") ?? pack.Manifest.UnitKinds[0]);
        var year = int.TryParse(args.Option("--year"), out var y) ? y : DateTime.Now.Year;
        var evaluation = pack.Evaluate(unit, year, data);
        var model = TemplateModel.Build(TemplateModelInput.Sample(unit, year, pack.Manifest, data, evaluation, document.Id, draft: true));
        var template = pack.Templates[document.Template];

        var result = DocumentOutput.RenderAsync(format, template, model, RenderOptions.Default).GetAwaiter().GetResult();
        if (!result.Ok)
        {
            errors.WriteLine($"✗ Không xuất được văn bản \"{document.Id}\" ({formatText}):");
            PackSources.PrintErrors(result.Errors, errors);
            return CliApp.Refused;
        }
        if (outPath is null)
        {
            output.Write(System.Text.Encoding.UTF8.GetString(result.Content));
            return CliApp.Ok;
        }
        try
        {
            File.WriteAllBytes(outPath, result.Content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Không ghi được tệp {outPath}: {e.Message}");
            return CliApp.Refused;
        }
        if (format != DocumentFileFormat.Html)
            output.WriteLine($"✓ Đã ghi {outPath} ({result.Content.Length:N0} byte, {formatText}).");
        return CliApp.Ok;
    }
}
