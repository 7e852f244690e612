using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Rules;
using Antq.FormEngine.Testing;
using Json.Schema;

namespace Antq.FormEngine;

/// <summary>
/// Verifies a pack and compiles it: manifest, form schema, every expression through the sandbox,
/// workflows, outcome levels, visibility conditions, deadlines, documents and templates, and the
/// pack's own tests. Every problem comes back as a <see cref="PackError"/>; a pack with any error
/// is refused as a whole.
/// </summary>
public static class PackLoader
{
    /// <summary>Stack for parsing and compiling: well above what the pre-checked expressions can need.</summary>
    private const int CompileStackBytes = 64 * 1024 * 1024;

    public static PackLoadResult Load(string path, PackLoadOptions? options = null)
    {
        options ??= PackLoadOptions.Default;
        var read = PackReader.Read(path, options.Limits);
        return read.Ok ? Load(read.Files!, options) : new PackLoadResult(null, read.Errors, []);
    }

    /// <summary>
    /// The entry for an uploaded or stored .zip: one bounded read (size refusal worded by the reader),
    /// then the verification on its own thread. The accepted pack's <see cref="PackFiles.Archive"/> holds the bytes read.
    /// </summary>
    public static async Task<PackLoadResult> LoadZipAsync(Stream zip, PackLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= PackLoadOptions.Default;
        var read = await PackReader.ReadZipAsync(zip, options.Limits, cancellationToken).ConfigureAwait(false);
        if (!read.Ok) return new PackLoadResult(null, read.Errors, []);
        return await Task.Run(() => Load(read.Files!, options), cancellationToken).ConfigureAwait(false);
    }

    public static PackLoadResult Load(PackFiles files, PackLoadOptions? options = null)
    {
        options ??= PackLoadOptions.Default;
        PackLoadResult? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = LoadOnThisThread(files, options); }
            catch (Exception e) { failure = e; }
        }, CompileStackBytes) { IsBackground = true, Name = "antq-pack-compile" };
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException("Pack verification failed unexpectedly.", failure);
        return result!;
    }

    private static PackLoadResult LoadOnThisThread(PackFiles files, PackLoadOptions options)
    {
        var errors = new List<PackError>();
        foreach (var required in new[] { "pack.json", "form.schema.json", "rules.json" })
            if (!files.Contains(required)) errors.Add(new PackError(required, "pack.missing-file", $"Gói thiếu tệp bắt buộc {required}."));
        var testFiles = files.Names.Where(n => n.StartsWith("tests/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (testFiles.Count == 0) errors.Add(new PackError("tests/", "pack.no-tests", "Gói phải có ít nhất một ca kiểm thử trong thư mục tests/ (*.json)."));
        if (errors.Count > 0) return new PackLoadResult(null, errors, []);

        var manifestNode = Json(files, "pack.json", errors);
        var schemaNode = Json(files, "form.schema.json", errors);
        var rulesNode = Json(files, "rules.json", errors);
        if (errors.Count > 0) return new PackLoadResult(null, errors, []);

        var (manifest, manifestErrors) = ManifestReader.Read(manifestNode, JsonSerializer.SerializeToElement(manifestNode));
        errors.AddRange(manifestErrors);
        var (schema, form) = options.Cache is { } cache
            ? cache.Form(files.Get("form.schema.json")!, schemaNode!, errors)
            : FormSchemaCheck.Build(schemaNode!, errors);
        var (workflows, ruleErrors) = RulesJsonReader.Read(rulesNode);
        errors.AddRange(ruleErrors);

        IReadOnlyList<DeadlineDefinition> deadlines = [];
        if (files.Get("deadlines.json") is { } deadlineBytes)
        {
            var parsed = DeadlineParser.Parse(deadlineBytes);
            deadlines = parsed.Deadlines;
            errors.AddRange(parsed.Errors);
        }
        var tests = new List<PackTestCase>();
        foreach (var file in testFiles)
        {
            var (test, testErrors) = PackTestCaseReader.Read(file, JsonNode.Parse(files.Get(file)!));
            errors.AddRange(testErrors);
            if (test is not null) tests.Add(test);
        }
        if (manifest is null || form is null || schema is null) return new PackLoadResult(null, errors, []);

        var compiler = new ExpressionCompiler(form, options.Cache);
        var (criteria, compileErrors) = ruleErrors.Count == 0 ? CriteriaCompiler.Compile(workflows, manifest.Workflow, compiler) : ([], []);
        errors.AddRange(compileErrors);
        var outcomes = OutcomeCompiler.Compile(manifest, errors);
        var visibility = VisibilityCompiler.Compile(form, compiler, errors);
        CheckTestUnits(manifest, tests, errors);
        CheckFacts(manifest, form, tests, errors);
        if (errors.Count > 0) return new PackLoadResult(null, errors.Distinct().ToList(), []);

        var pack = new CompiledPack(manifest, files, schemaNode!, schema, form, criteria, outcomes, visibility, deadlines, tests);
        var testResults = options.RunTests ? PackTestRunner.Run(pack) : [];
        foreach (var failed in testResults.Where(t => !t.Passed))
            foreach (var failure in failed.Failures)
                errors.Add(new PackError(failed.File, "test.failed", $"Ca kiểm thử \"{failed.Name}\": {failure}"));
        pack.Templates = DocumentCheck.Resolve(pack, options, errors);
        return new PackLoadResult(errors.Count == 0 ? pack : null, errors.Distinct().ToList(), testResults);
    }

    private static void CheckTestUnits(Packs.PackManifest manifest, List<PackTestCase> tests, List<PackError> errors)
    {
        foreach (var test in tests.Where(t => !manifest.UnitKinds.Contains(t.Unit.Kind)))
            errors.Add(new PackError(PackError.At(test.File, "/unit/kind"), "test.unit-kind",
                $"Loại đơn vị \"{test.Unit.Kind}\" không thuộc unitKinds của gói ({string.Join(", ", manifest.UnitKinds)})."));
    }

    /// <summary>Every declared fact fills a field of the form (not an object); a test supplies only declared facts.</summary>
    private static void CheckFacts(Packs.PackManifest manifest, Forms.FormModel form, List<PackTestCase> tests, List<PackError> errors)
    {
        for (var i = 0; i < manifest.Facts.Count; i++)
        {
            var fact = manifest.Facts[i];
            var field = form.FieldAt(fact.Fills);
            if (field is null || field.Kind is Forms.FieldKind.Object or Forms.FieldKind.Unknown || field.Pointer != fact.Fills)
                errors.Add(new PackError(PackError.At("pack.json", $"/facts/{i}/fills"), "manifest.fact-field",
                    $"Dữ kiện \"{fact.Id}\": \"fills\" phải trỏ tới một trường (không phải nhóm, không qua phần tử mảng) của form.schema.json; không có trường {fact.Fills}."));
        }
        var declared = manifest.Facts.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var test in tests.Where(t => t.Facts is not null))
            foreach (var id in test.Facts!.Values.Keys.Where(id => !declared.Contains(id)))
                errors.Add(new PackError(PackError.At(test.File, $"/facts/{id}"), "test.fact-unknown",
                    $"Dữ kiện \"{id}\" không được khai báo trong pack.json → facts."));
    }

    private static JsonNode? Json(PackFiles files, string name, List<PackError> errors)
    {
        try
        {
            return JsonNode.Parse(files.Get(name)!, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            errors.Add(new PackError(PackError.AtText(name, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1), "json.invalid",
                $"JSON không hợp lệ: {e.Message}"));
            return null;
        }
    }
}
