using System.Dynamic;
using System.Text.Json;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;
using Antq.TestKit;

namespace Antq.Bench;

/// <summary>One benchmark input: a test case of the pack (its unit, year and data, and the hierarchy facts it supplies).</summary>
public sealed record BenchInput(string Name, UnitInfo Unit, int Year, JsonElement Data)
{
    public PackFacts? Facts { get; init; }
}

/// <summary>Locates the repository and loads the benchmark pack and its inputs.</summary>
public static class BenchData
{
    /// <summary>Number of test cases in bench/data/synthetic-34/tests (= evaluations per benchmark operation).</summary>
    public const int InputCount = 13;

    public static string RepoRoot => RepoPaths.Root;

    public static string PackPath => RepoPaths.Synthetic34;


    /// <summary>Full verification of the pack (every rule compiled, its tests run); throws if it is refused.</summary>
    public static CompiledPack LoadPack(bool runTests = true)
    {
        var result = PackLoader.Load(PackPath, new PackLoadOptions { RunTests = runTests });
        if (!result.Ok)
            throw new InvalidOperationException("The benchmark pack was refused: " +
                string.Join("; ", result.Errors));
        return result.Pack;
    }

    /// <summary>The pack's test cases, in file order, as benchmark inputs.</summary>
    public static BenchInput[] Inputs(CompiledPack pack)
    {
        var inputs = pack.Tests.Select(t => new BenchInput(t.Name, t.Unit, t.Year, t.Data)).ToArray();
        if (inputs.Length != InputCount)
            throw new InvalidOperationException($"Expected {InputCount} test inputs in {PackPath}/tests, found {inputs.Length}.");
        return inputs;
    }

    public static string ReadPackFile(string name) => File.ReadAllText(Path.Combine(PackPath, name));
}

/// <summary>JSON → ExpandoObject, the usual way of feeding untyped JSON to RulesEngine.</summary>
public static class Expando
{
    public static ExpandoObject FromObject(JsonElement element)
    {
        var expando = new ExpandoObject();
        IDictionary<string, object?> members = expando;
        foreach (var property in element.EnumerateObject()) members[property.Name] = FromValue(property.Value);
        return expando;
    }

    public static object? FromValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => FromObject(element),
        JsonValueKind.Array => element.EnumerateArray().Select(FromValue).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
