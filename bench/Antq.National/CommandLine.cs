namespace Antq.National;

/// <summary>The <c>--name value</c> and bare <c>--flag</c> walk shared by the generator's and the <c>reminders</c> command's options.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Hands each bare flag to <paramref name="flag"/> (true: taken) and each option with its value to <paramref name="option"/>
    /// (true: taken, false: bad value, null: unknown). False, after a message, on help, a missing or bad value or an unknown option.
    /// </summary>
    public static bool Walk(string[] args, TextWriter error, Func<string, bool> flag, Func<string, string, bool?> option)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") return false;
            if (flag(name)) continue;
            if (i + 1 >= args.Length)
            {
                error.WriteLine($"{name}: missing value");
                return false;
            }
            var value = args[++i];
            switch (option(name, value))
            {
                case null:
                    error.WriteLine($"unknown option {name}");
                    return false;
                case false:
                    error.WriteLine($"{name}: bad value '{value}'");
                    return false;
            }
        }
        return true;
    }

    /// <summary>The connection string is required (from <c>--connection</c> or <c>ConnectionStrings__Antq</c>).</summary>
    public static bool HasConnection(string connectionString, TextWriter error)
    {
        if (connectionString.Length > 0) return true;
        error.WriteLine("--connection (or ConnectionStrings__Antq) is required");
        return false;
    }
}
