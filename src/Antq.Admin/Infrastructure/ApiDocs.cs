using Antq.Admin.Data.Entities;
using Scalar.AspNetCore;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// <c>/openapi/v1.json</c> and <c>/scalar</c>: anonymous in Development (and tests); in Production
/// only for a signed-in administrator. <c>ANTQ_OPENAPI=false</c> turns them off in any environment.
/// </summary>
public static class ApiDocs
{
    /// <summary>For the start-up banner: null when off, else a note on who may read them.</summary>
    public static string? Mode(WebApplication app) =>
        !Enabled(app) ? null : app.Environment.IsProduction() ? " — chỉ quản trị viên" : "";

    private static bool Enabled(WebApplication app) => !(bool.TryParse(app.Configuration["ANTQ_OPENAPI"], out var enabled) && !enabled);

    public static void MapAntqApiDocs(this WebApplication app)
    {
        if (!Enabled(app)) return;
        var openApi = app.MapOpenApi();
        var scalar = app.MapScalarApiReference();
        if (!app.Environment.IsProduction()) return;
        openApi.RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        scalar.RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
    }
}
