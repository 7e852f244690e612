namespace Antq.Admin.Infrastructure;

/// <summary>
/// Server settings, from environment variables (and appsettings): <c>ANTQ_DATA_DIR</c> (default
/// <c>data/</c> at the repository root when run from a checkout — <c>./data</c> after
/// <c>dotnet run --project src/Antq.Admin</c> from the root, whatever working directory <c>dotnet run</c>
/// gives the process — else <c>data/</c> in the working directory), <c>ANTQ_DB_PROVIDER</c> (<c>sqlite</c> default, or <c>postgres</c>),
/// <c>ConnectionStrings__Antq</c>, <c>ANTQ_ADMIN_EMAIL</c> / <c>ANTQ_ADMIN_PASSWORD</c> (first administrator),
/// <c>ANTQ_SEED_DEMO</c> (demo data; default on in Development), <c>ANTQ_PACKS_DIR</c>, <c>ANTQ_TEMPLATES_DIR</c>,
/// <c>ANTQ_PUBLIC_URL</c> (the address printed in issued documents' verify links; required in Production),
/// <c>ANTQ_WARMUP</c> (start-up warm-up of the hot paths; default on), <c>ANTQ_WARMUP_SECONDS</c> (its longest run).
/// </summary>
public sealed class AntqOptions
{
    public string DataDirectory { get; set; } = "data";
    public DbProvider Provider { get; set; } = DbProvider.Sqlite;
    public string? ConnectionString { get; set; }
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public bool SeedDemo { get; set; }

    /// <summary>Shipped packs imported (and activated when none is active) at start.</summary>
    public string? PacksDirectory { get; set; }

    /// <summary>Default document templates (the repository's templates/).</summary>
    public string? TemplatesDirectory { get; set; }

    /// <summary>Public base address (<c>https://antq.example.vn</c>) for the verify links printed in issued
    /// documents. Required in Production (the server refuses to start without it); elsewhere it defaults
    /// to the server's own listening address. Never taken from a request's Host header.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Four-eyes activation (<c>ANTQ_PACK_FOUR_EYES=true</c>): a pack version is activated by another
    /// province administrator than the one who uploaded or published it. Off by default.</summary>
    public bool PackFourEyes { get; set; }

    /// <summary>Start-up warm-up of the hot paths (<c>ANTQ_WARMUP</c>, see <see cref="StartupWarmup"/>); on by default,
    /// off in the tests' Testing environment unless set.</summary>
    public bool Warmup { get; set; } = true;

    /// <summary>The longest the warm-up runs (<c>ANTQ_WARMUP_SECONDS</c>, 1–120, default 15); it stops earlier once the
    /// evaluations have stopped getting faster.</summary>
    public int WarmupSeconds { get; set; } = 15;

    public string SqliteConnectionString =>
        ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, "antq.db")};Default Timeout=30;Pooling=True";

    public static AntqOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = (configuration["ANTQ_DB_PROVIDER"] ?? "sqlite").Trim().ToLowerInvariant();
        var options = new AntqOptions
        {
            DataDirectory = Path.GetFullPath(configuration["ANTQ_DATA_DIR"] ?? DefaultDataDirectory()),
            Provider = provider switch
            {
                "postgres" or "postgresql" or "npgsql" => DbProvider.Postgres,
                "sqlite" => DbProvider.Sqlite,
                _ => throw new InvalidOperationException($"ANTQ_DB_PROVIDER must be 'sqlite' or 'postgres', not '{provider}'."),
            },
            ConnectionString = configuration.GetConnectionString("Antq"),
            AdminEmail = configuration["ANTQ_ADMIN_EMAIL"],
            AdminPassword = configuration["ANTQ_ADMIN_PASSWORD"],
            SeedDemo = bool.TryParse(configuration["ANTQ_SEED_DEMO"], out var seed) ? seed : environment.IsDevelopment(),
            PacksDirectory = configuration["ANTQ_PACKS_DIR"] ?? RepositoryFolder("criteria-packs"),
            TemplatesDirectory = configuration["ANTQ_TEMPLATES_DIR"] ?? RepositoryFolder("templates"),
            PublicUrl = configuration["ANTQ_PUBLIC_URL"] is { Length: > 0 } url ? url.TrimEnd('/') : null,
            PackFourEyes = bool.TryParse(configuration["ANTQ_PACK_FOUR_EYES"], out var fourEyes) && fourEyes,
            Warmup = bool.TryParse(configuration["ANTQ_WARMUP"], out var warmup) ? warmup : !environment.IsEnvironment("Testing"),
        };
        if (configuration["ANTQ_WARMUP_SECONDS"] is { Length: > 0 } warmupSeconds)
            options.WarmupSeconds = int.TryParse(warmupSeconds, out var seconds) && seconds is >= 1 and <= 120 ? seconds
                : throw new InvalidOperationException($"ANTQ_WARMUP_SECONDS must be a whole number of seconds from 1 to 120, not '{warmupSeconds}'.");
        if (options.PublicUrl is not null
            && (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var publicUri) || publicUri.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(publicUri.Query) || !string.IsNullOrEmpty(publicUri.Fragment)))
            throw new InvalidOperationException(
                $"ANTQ_PUBLIC_URL phải là một địa chỉ http(s) tuyệt đối, ví dụ https://antq.example.vn (đang là «{options.PublicUrl}»). / "
                + "ANTQ_PUBLIC_URL must be an absolute http(s) address such as https://antq.example.vn.");
        if (options.PublicUrl is null && environment.IsProduction())
            throw new InvalidOperationException(MissingPublicUrl);
        if (options.Provider == DbProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new InvalidOperationException("ANTQ_DB_PROVIDER=postgres needs ConnectionStrings__Antq.");
        return options;
    }

    public const string MissingPublicUrl =
        "Chưa đặt ANTQ_PUBLIC_URL: ở môi trường Production, máy chủ cần địa chỉ công khai của mình (ví dụ https://antq.example.vn) "
        + "để in vào liên kết xác minh của văn bản phát hành, và không lấy địa chỉ từ yêu cầu. "
        + "/ ANTQ_PUBLIC_URL is not set: in Production the server needs its public address (e.g. https://antq.example.vn) "
        + "for the verify links printed in issued documents; it never takes it from the request.";

    /// <summary>
    /// <c>data/</c> beside Antq.Forms.sln when the working directory is inside a checkout (dotnet run
    /// starts the process in src/Antq.Admin, and README promises ./data at the root); else <c>data</c>
    /// in the working directory, as for a published server.
    /// </summary>
    private static string DefaultDataDirectory()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Antq.Forms.sln"))) return Path.Combine(dir.FullName, "data");
        return "data";
    }

    /// <summary>A folder of the repository, found upwards from the working directory and from the binaries.</summary>
    private static string? RepositoryFolder(string name)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Antq.Forms.sln")) && Directory.Exists(Path.Combine(dir.FullName, name)))
                    return Path.Combine(dir.FullName, name);
        // A published server: the folders were copied beside the dll (Antq.Admin.csproj).
        var published = Path.Combine(AppContext.BaseDirectory, name);
        return Directory.Exists(published) ? published : null;
    }
}

public enum DbProvider
{
    Sqlite,
    Postgres,
}
