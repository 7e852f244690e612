using System.Text;
using Antq.FormEngine.Documents;

namespace Antq.FormEngine.Packs;

/// <summary>
/// Every template the pack ships must parse, every document it names must resolve (the pack's
/// <c>templates/</c> first, then the caller's shared templates), and each of those templates must
/// render under strict variables against every test case, so an official document never misses a value.
/// </summary>
internal static class DocumentCheck
{
    public static IReadOnlyDictionary<string, ParsedTemplate> Resolve(CompiledPack pack, PackLoadOptions options, List<PackError> errors)
    {
        var parsed = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        foreach (var name in pack.Files.Names.Where(n => n.StartsWith("templates/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (!name.EndsWith(".scriban", StringComparison.Ordinal)) continue;
            var result = Parse(Encoding.UTF8.GetString(pack.Files.Get(name)!), name, options);
            errors.AddRange(result.Errors);
            if (result.Ok) parsed[Path.GetFileNameWithoutExtension(name)] = result.Template;
        }
        var used = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        for (var i = 0; i < pack.Manifest.Documents.Count; i++)
        {
            var document = pack.Manifest.Documents[i];
            if (parsed.TryGetValue(document.Template, out var own)) { used[document.Template] = own; continue; }
            if (pack.Files.Contains($"templates/{document.Template}.scriban")) continue; // its parse errors are reported above
            var shared = Shared(document.Template, options, errors);
            if (shared is not null) used[document.Template] = shared;
            else if (!errors.Any(e => e.Path.Contains($"{document.Template}.scriban", StringComparison.Ordinal)))
                errors.Add(new PackError(PackError.At("pack.json", $"/documents/{i}/template"), "document.template-missing",
                    $"Không tìm thấy mẫu văn bản \"{document.Template}\" (trong templates/ của gói hoặc thư mục mẫu dùng chung)."));
        }
        // Each test case is evaluated once; every template renders against every case as an issued
        // document, and against the first case as a draft too (empty number and signer branches).
        var evaluations = pack.Tests.Select(t => pack.Evaluate(t.Unit, t.Year, t.Data)).ToList();
        foreach (var (id, template) in used)
        {
            var document = pack.Manifest.Documents.First(d => d.Template == id);
            for (var i = 0; i < pack.Tests.Count; i++)
            {
                var test = pack.Tests[i];
                foreach (var draft in i == 0 ? new[] { false, true } : [false])
                {
                    var input = TemplateModelInput.Sample(test.Unit, test.Year, pack.Manifest, test.Data, evaluations[i], document.Id, draft);
                    var renderErrors = options.Cache is { } cache
                        ? cache.RenderErrors(template, input)
                        : TemplateSandbox.Render(template, TemplateModel.Build(input), RenderOptions.Default).Errors;
                    foreach (var error in renderErrors)
                        errors.Add(error with { Message = $"{error.Message} (khi dựng văn bản \"{document.Id}\" với ca kiểm thử \"{test.Name}\")" });
                    if (renderErrors.Count > 0) goto nextTemplate;
                }
            }
        nextTemplate:;
        }
        return used;
    }

    private static ParsedTemplate? Shared(string id, PackLoadOptions options, List<PackError> errors)
    {
        string? source = null;
        var file = $"{id}.scriban";
        if (options.Templates?.TryGetValue(id, out var given) == true) source = given;
        else if (options.TemplateDirectory is { } dir && File.Exists(Path.Combine(dir, file)))
        {
            source = File.ReadAllText(Path.Combine(dir, file));
            file = Path.Combine(dir, file);
        }
        if (source is null) return null;
        var result = Parse(source, file, options);
        errors.AddRange(result.Errors);
        return result.Ok ? result.Template : null;
    }

    private static TemplateParseResult Parse(string source, string file, PackLoadOptions options) =>
        options.Cache?.Parse(source, file) ?? TemplateSandbox.Parse(source, file);
}
