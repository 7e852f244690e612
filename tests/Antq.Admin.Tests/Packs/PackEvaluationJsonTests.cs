using System.Text.Json;
using Antq.Admin.Features.Packs;
using Antq.FormEngine;
using Antq.FormEngine.Packs;
using Antq.TestKit;

namespace Antq.Admin.Tests.Packs;

/// <summary>
/// The evaluate answer's source-generated serialiser (<see cref="PackEvaluationJson"/>) writes exactly the bytes the
/// reflection serialiser with the HTTP defaults writes: for every test case of every shipped pack, plus each case with
/// its data cut to the first half of its top-level fields (a draft: errors, hidden fields, "cannot be evaluated").
/// </summary>
public sealed class PackEvaluationJsonTests
{
    public static TheoryData<string> ShippedPacks()
    {
        var packs = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RepoPaths.CriteriaPacks).Order(StringComparer.Ordinal)) packs.Add(Path.GetFileName(dir));
        return packs;
    }

    [Theory]
    [MemberData(nameof(ShippedPacks))]
    public void SourceGeneratedAnswer_IsByteIdenticalToReflection(string packId)
    {
        var loaded = PackLoader.Load(RepoPaths.Pack(packId), new PackLoadOptions { TemplateDirectory = RepoPaths.Templates, RunTests = false });
        Assert.True(loaded.Ok, string.Join(Environment.NewLine, loaded.Errors));
        var pack = loaded.Pack!;
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.NotEmpty(pack.Tests);
        foreach (var test in pack.Tests)
            foreach (var data in new[] { test.Data, Draft(test.Data) })
            {
                var result = pack.Evaluate(test.Unit, test.Year, data, test.Facts);
                var generated = JsonSerializer.SerializeToUtf8Bytes(result, PackEvaluationJson.Default.EvaluationResult);
                Assert.True(generated.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(result, reflection)), $"{packId}: {test.File}");
            }
    }

    private static JsonElement Draft(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object) return data;
        var fields = data.EnumerateObject().ToList();
        return JsonSerializer.SerializeToElement(fields.Take(fields.Count / 2).ToDictionary(p => p.Name, p => p.Value));
    }
}
