using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Rules;

/// <summary>Compiles the outcome levels' <c>when</c> expressions over the summary and the statuses.</summary>
internal static class OutcomeCompiler
{
    public static readonly IReadOnlyList<(string Name, Type Type)> Parameters =
    [
        ("met", typeof(int)), ("notMet", typeof(int)), ("notEvaluable", typeof(int)), ("total", typeof(int)),
        ("points", typeof(double)), ("maxPoints", typeof(double)), ("status", typeof(Dictionary<string, string>)),
    ];

    public static IReadOnlyList<CompiledOutcome> Compile(PackManifest manifest, List<PackError> errors)
    {
        var compiled = new List<CompiledOutcome>();
        for (var i = 0; i < manifest.Outcome.Count; i++)
        {
            var level = manifest.Outcome[i];
            var (predicate, error) = ExpressionCompiler.CompileOver(level.When, PackError.At("pack.json", $"/outcome/{i}/when"), Parameters);
            if (error is not null) errors.Add(error);
            else compiled.Add(new CompiledOutcome(level, predicate!));
        }
        return compiled;
    }
}
