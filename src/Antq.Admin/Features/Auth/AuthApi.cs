using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Antq.Admin.Features.Auth;

public sealed record LoginRequest(string Email, string Password);

public sealed record AccountView(string Id, string Name, string Role, int UnitId, string UnitName);

public static class AuthApi
{
    public static void MapAuthRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest request, Logins logins, HttpContext http) =>
            {
                // The bearer handler writes { tokenType, accessToken, expiresIn, refreshToken } itself.
                var outcome = await logins.SignInAsync(http, request.Email, request.Password, IdentityConstants.BearerScheme, persistent: false);
                if (outcome.Status == LoginStatus.Succeeded) return TypedResults.Empty;
                if (outcome.Status == LoginStatus.Throttled)
                {
                    http.Response.Headers.RetryAfter = outcome.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Problems.Of(StatusCodes.Status429TooManyRequests, "Quá nhiều lần đăng nhập", outcome.Message);
                }
                return Problems.Of(StatusCodes.Status401Unauthorized, "Đăng nhập không thành công", outcome.Message);
            })
            .WithName("Login").WithSummary("Exchange e-mail and password for a bearer access token.").AllowAnonymous();

        group.MapGet("/me", async Task<Ok<AccountView>> (CurrentAccount current) =>
            {
                var account = await current.RequireAsync();
                return TypedResults.Ok(new AccountView(account.UserId, account.Name, account.Role, account.ScopeUnit.Id, account.ScopeUnit.Name));
            })
            .WithName("Me").WithSummary("The signed-in account, its role and scope.").RequireAuthorization();
    }
}
