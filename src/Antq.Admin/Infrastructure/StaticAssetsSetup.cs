namespace Antq.Admin.Infrastructure;

public static class StaticAssetsSetup
{
    /// <summary>
    /// Outside Development the host reads static web assets only from <c>wwwroot</c>, where a
    /// <c>dotnet publish</c> copies them; run from the build output (<c>dotnet run -c Release</c>),
    /// the framework's files (<c>_framework/blazor.web.js</c>) live in the NuGet cache and are found only
    /// through the build's manifest — without it they answered 500 and the UI was dead. The manifest
    /// exists beside the binaries only in a build output, never in a published folder, so a
    /// published server is unchanged.
    /// </summary>
    public static void UseBuildOutputStaticAssets(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return; // the host already does this
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json");
        if (File.Exists(manifest)) builder.WebHost.UseStaticWebAssets();
    }
}
