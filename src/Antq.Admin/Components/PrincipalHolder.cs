using System.Security.Claims;

namespace Antq.Admin.Components;

/// <summary>
/// The user a DI scope acts for when there is no HttpContext: <see cref="UiOperations"/> sets it to
/// the Blazor circuit's user in each fresh scope, and <c>CurrentAccount</c> reads it first.
/// </summary>
public sealed class PrincipalHolder
{
    public ClaimsPrincipal? Principal { get; set; }
}
