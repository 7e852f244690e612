using Antq.Admin.Data.Entities;
using Scalar.AspNetCore;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// <c>/openapi/v1.json</c> and <c>/scalar</c>: anonymous in Development (and tests); in Production
/// only for a signed-in administrator. <c>ANTQ_OPENAPI=false</c> turns them off in any environment.
/// </summary>
public static class ApiDocs
{
    public static void MapAntqApiDocs(this WebApplication app)
    {
        if (bool.TryParse(app.Configuration["ANTQ_OPENAPI"], out var enabled) && !enabled) return;
        var openApi = app.MapOpenApi();
        var scalar = app.MapScalarApiReference();
        if (!app.Environment.IsProduction()) return;
        openApi.RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        scalar.RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
    }
}
