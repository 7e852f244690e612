using Antq.Admin.Features.Units;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antq.Admin.Features.Accounts;

/// <summary>Account management for administrators, within their scope (reviewers and units get 403).</summary>
public static class AccountsApi
{
    public static void MapAccountRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization();

        group.MapGet("/", async Task<Ok<Page<AccountItem>>> ([AsParameters] AccountFilter filter, AccountQueries accounts, CancellationToken ct) =>
                TypedResults.Ok(await accounts.ListAsync(filter, ct)))
            .WithName("ListAccounts").WithSummary("Accounts whose unit lies in the administrator's scope, filtered by unitId, role and q (e-mail or name).");

        group.MapGet("/{id}", async Task<Ok<AccountItem>> (string id, AccountQueries accounts, CancellationToken ct) =>
                TypedResults.Ok(await accounts.GetAsync(id, ct)))
            .WithName("GetAccount").WithSummary("One account (404 outside the administrator's scope).");

        group.MapPost("/", async Task<Results<Created<AccountItem>, ProblemHttpResult>> (CreateAccountRequest request, AccountCommands commands, CancellationToken ct) =>
                (await commands.CreateAsync(request, ct)).ToHttp(item => TypedResults.Created($"/api/accounts/{item.Id}", item)))
            .WithName("CreateAccount").WithSummary("Create an account with a role (admin, reviewer, unit) and a unit; Identity's password rules apply.");

        group.MapPut("/{id}", async Task<Results<Ok<AccountItem>, ProblemHttpResult>> (string id, UpdateAccountRequest request, AccountCommands commands, CancellationToken ct) =>
                (await commands.UpdateAsync(id, request, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateAccount").WithSummary("Change an account's role, unit, display name, or enable/disable it.");

        group.MapPost("/{id}/reset-password", async Task<Results<NoContent, ProblemHttpResult>> (string id, ResetPasswordRequest request, AccountCommands commands, CancellationToken ct) =>
                (await commands.ResetPasswordAsync(id, request, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("ResetAccountPassword").WithSummary("Set a new password for an account (the administrator tells the user).");
    }
}
