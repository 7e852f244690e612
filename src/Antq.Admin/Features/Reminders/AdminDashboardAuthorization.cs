using Antq.Admin.Infrastructure;
using Hangfire.Dashboard;

namespace Antq.Admin.Features.Reminders;

/// <summary>
/// The Hangfire dashboard is for province administrators only (jobs are province-wide), whoever asks and from wherever: it replaces
/// Hangfire's local-requests-only default, which a reverse proxy on the same host defeats. Hangfire
/// answers 401 when the request is not authenticated and 403 when it is but this filter refuses.
/// The account is read from the database (role, disabled), as for every API request.
/// </summary>
public sealed class AdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true) return false;
        var account = await http.RequestServices.GetRequiredService<CurrentAccount>().GetAsync(http.RequestAborted);
        return account is { IsProvinceAdmin: true };
    }
}
