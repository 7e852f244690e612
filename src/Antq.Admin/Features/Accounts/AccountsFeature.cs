using Microsoft.AspNetCore.Identity;

namespace Antq.Admin.Features.Accounts;

/// <summary>Registration and routes of account management.</summary>
public static class AccountsFeature
{
    public static void AddAccountsFeature(this IServiceCollection services)
    {
        services.AddScoped<AccountQueries>();
        services.AddScoped<AccountCommands>();
        // Registered after Identity's own describer, so this one is resolved: messages users see are Vietnamese.
        services.AddScoped<IdentityErrorDescriber, VietnameseIdentityErrors>();
    }

    public static void MapAccountsApi(this IEndpointRouteBuilder app) => app.MapAccountRoutes();
}
