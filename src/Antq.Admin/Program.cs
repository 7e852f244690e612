using Antq.Admin.Components;
using Antq.Admin.Features.Accounts;
using Antq.Admin.Features.Auth;
using Antq.Admin.Features.Dashboard;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Exports;
using Antq.Admin.Features.Forms;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Features.Health;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

// First statement: schema `pattern`s run through .NET regexes, bounded only by the process default.
AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromMilliseconds(200));

var builder = WebApplication.CreateBuilder(args);
var startOptions = builder.AddAntqServer();
StartupBanner.Starting(startOptions, builder.Configuration);
builder.UseBuildOutputStaticAssets();

var app = builder.Build();
await app.InitialiseAsync();
app.UseAntqSecurityHeaders();
app.UseAntqPipeline();
app.UseMiddleware<JsonBodyValidation>();

app.MapAntqApiDocs();
app.MapHealthApi();
app.MapAuthApi();
app.MapPacksApi();
app.MapUnitsApi();
app.MapAccountsApi();
app.MapSubmissionsApi();
app.MapDocumentsApi();
app.MapRemindersApi();
app.MapDashboardApi();
app.MapExportsApi();
app.MapEvidenceFiles();
app.MapStaticAssets();
// Every page needs a signed-in user unless marked [AllowAnonymous]; the cookie scheme's challenge
// redirects to the login page (the default scheme's would answer a bare 401, as for the API).
app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme });

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>For WebApplicationFactory in the tests.</summary>
public partial class Program;
