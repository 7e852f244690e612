namespace Antq.Cli;

/// <summary>The <c>antq</c> command line: dispatches verbs; exit 0 ok, 1 refused/failed, 2 usage.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    public const string UsageText = """
        Cách dùng:
          antq pack validate <thư-mục|tệp.zip> [--json] [--templates DIR]
          antq pack test <thư-mục|tệp.zip> [--json] [--templates DIR]
          antq evaluate <thư-mục|tệp.zip> <dữ-liệu.json> [--unit-kind K] [--year Y] [--facts TỆP] [--json]
          antq render <thư-mục|tệp.zip> <mã-văn-bản> <dữ-liệu.json> [--format html|docx|pdf] [--out TỆP] [--unit-kind K] [--year Y] [--templates DIR]
        Mã thoát: 0 thành công; 1 gói/dữ liệu bị từ chối; 2 sai cách dùng.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        CliArgs parsed;
        try
        {
            parsed = CliArgs.Parse(args);
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine(UsageText);
            return Usage;
        }
        try
        {
            return parsed.Verb switch
            {
                "pack validate" => PackCommands.Validate(parsed, stdout),
                "pack test" => PackCommands.Test(parsed, stdout),
                "evaluate" => EvaluateCommand.Run(parsed, stdout, stderr),
                "render" => RenderCommand.Run(parsed, stdout, stderr),
                _ => throw new CliUsageException($"Lệnh không hợp lệ: {string.Join(' ', args)}"),
            };
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine(UsageText);
            return Usage;
        }
    }
}
