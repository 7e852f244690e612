namespace Antq.Cli;

public sealed class CliUsageException(string message) : Exception(message);

/// <summary>Parsed command line: a verb, positional arguments and <c>--name value</c> options.</summary>
public sealed record CliArgs(string Verb, IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string?> Options)
{
    private static readonly Dictionary<string, bool> KnownOptions = new()
    {
        ["--json"] = false, ["--templates"] = true, ["--unit-kind"] = true, ["--year"] = true,
        ["--format"] = true, ["--out"] = true, ["--facts"] = true, ["--help"] = false,
    };

    private static readonly Dictionary<string, int> Arity = new()
    {
        ["pack validate"] = 1, ["pack test"] = 1, ["evaluate"] = 2, ["render"] = 3,
    };

    public bool Json => Options.ContainsKey("--json");

    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;

    public static CliArgs Parse(string[] args)
    {
        if (args.Length == 0) throw new CliUsageException("Thiếu lệnh.");
        var positional = new List<string>();
        var options = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { positional.Add(arg); continue; }
            if (!KnownOptions.TryGetValue(arg, out var takesValue)) throw new CliUsageException($"Tuỳ chọn không hợp lệ: {arg}");
            if (!takesValue) { options[arg] = null; continue; }
            if (i + 1 >= args.Length) throw new CliUsageException($"Tuỳ chọn {arg} cần một giá trị.");
            options[arg] = args[++i];
        }
        if (options.ContainsKey("--help")) throw new CliUsageException("Trợ giúp:");
        var verb = positional.Count >= 2 && positional[0] == "pack" ? $"pack {positional[1]}" : positional.FirstOrDefault() ?? "";
        var rest = positional.Skip(verb.StartsWith("pack ", StringComparison.Ordinal) ? 2 : 1).ToList();
        if (!Arity.TryGetValue(verb, out var count)) throw new CliUsageException($"Lệnh không hợp lệ: {string.Join(' ', positional)}");
        if (rest.Count != count) throw new CliUsageException($"Lệnh \"{verb}\" cần {count} đối số, nhận được {rest.Count}.");
        return new CliArgs(verb, rest, options);
    }
}
