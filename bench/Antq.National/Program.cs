using System.Globalization;
using Antq.National;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

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
