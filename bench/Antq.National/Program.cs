using System.Globalization;
using Antq.National;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["reminders", ..])
{
    var run = ReminderRunOptions.Parse(args[1..], Console.Error);
    if (run is null)
    {
        Console.Error.WriteLine(ReminderRunOptions.Usage);
        return 2;
    }
    return await ReminderRun.RunAsync(run, Console.Out);
}

var options = NationalOptions.Parse(args, Console.Error);
if (options is null)
{
    Console.Error.WriteLine(NationalOptions.Usage);
    return 2;
}
try
{
    return await NationalGenerator.RunAsync(options, Console.Out);
}
catch (NationalSetupException e)
{
    Console.Error.WriteLine($"national: {e.Message}");
    return 1;
}
