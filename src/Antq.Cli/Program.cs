// The first statement: JSON Schema `pattern`s run through .NET regexes, which have no match timeout
// unless the process default is set before any regex is built (security.md).
AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromMilliseconds(200));
Console.OutputEncoding = System.Text.Encoding.UTF8;
return Antq.Cli.CliApp.Run(args, Console.Out, Console.Error);
