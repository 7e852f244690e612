using Microsoft.AspNetCore.Identity;

namespace Antq.Admin.Features.Accounts;

/// <summary>Registration and routes of account management.</summary>
public static class AccountsFeature
{
    public static IServiceCollection AddAccountsFeature(this IServiceCollection services)
    {
        services.AddScoped<AccountQueries>();
        services.AddScoped<AccountCommands>();
        services.AddScoped<IPasswordResetMailQueue, HangfirePasswordResetMailQueue>();
        services.AddScoped<PasswordResetMailJob>();
        // Registered after Identity's own describer (the Auth feature), so this one is resolved: messages users see are Vietnamese.
        services.AddScoped<IdentityErrorDescriber, VietnameseIdentityErrors>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccountsFeature(this IEndpointRouteBuilder app)
    {
        app.MapAccountRoutes();
        return app;
    }
}
