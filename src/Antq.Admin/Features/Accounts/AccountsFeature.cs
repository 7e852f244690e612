namespace Antq.Admin.Features.Accounts;

/// <summary>Registration and routes of account management (filled in by the units/accounts feature).</summary>
public static class AccountsFeature
{
    public static void AddAccountsFeature(this IServiceCollection services)
    {
    }

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
    }
}
