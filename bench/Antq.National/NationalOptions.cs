using System.Globalization;

namespace Antq.National;

/// <summary>Command-line settings of the generator.</summary>
public sealed class NationalOptions
{
    public string ConnectionString { get; private set; } = Environment.GetEnvironmentVariable("ConnectionStrings__Antq") ?? "";
    public int Year { get; private set; } = 2025;
    public double Scale { get; private set; } = 1;
    public int Seed { get; private set; } = 19;
    public bool Reset { get; private set; }
    public string Password { get; private set; } = "Antq-National-2025";

    public const string Usage = """
        Antq.National — the whole country's hierarchy and a year of dossiers in a PostgreSQL database.

          dotnet run -c Release --project bench/Antq.National -- --connection "Host=…;Database=antq_national;…" [options]

          --connection CS  PostgreSQL connection string (default: ConnectionStrings__Antq); the database is created
                           and migrated if needed, reference data and the shipped packs are imported as at a server start
          --year Y         year of the dossiers (default 2025)
          --scale F        areas and organisations per commune, relative to the national average (default 1:
                           ~30 khu dân cư and 15 cơ quan/doanh nghiệp/cơ sở giáo dục per commune); provinces and
                           communes are always 34 and 3,321
          --seed N         random seed of the states and data (default 19)
          --reset          remove an earlier run's units, dossiers, documents and accounts first
          --password P     password of the generated accounts (default Antq-National-2025)

        The installation's root unit becomes the national level; its administrator sees the whole country.
        Accounts: bcd-NN@national.test (reviewer of province NN, 01–34) and xa-NN@national.test (its first commune).
        """;

    public static NationalOptions? Parse(string[] args, TextWriter error)
    {
        var o = new NationalOptions();
        var ok = CommandLine.Walk(args, error,
            flag => flag == "--reset" && (o.Reset = true),
            (name, value) =>
            {
                switch (name)
                {
                    case "--connection": o.ConnectionString = value; return true;
                    case "--year": var year = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100; o.Year = y; return year;
                    case "--scale": var scale = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 4; o.Scale = s; return scale;
                    case "--seed": var seeded = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed); o.Seed = seed; return seeded;
                    case "--password": o.Password = value; return true;
                    default: return null;
                }
            });
        return ok && CommandLine.HasConnection(o.ConnectionString, error) ? o : null;
    }
}

public sealed class NationalSetupException(string message) : Exception(message);
