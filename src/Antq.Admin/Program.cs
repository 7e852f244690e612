using Antq.Admin.Components;
using Antq.Admin.Features.Accounts;
using Antq.Admin.Features.Auth;
using Antq.Admin.Features.Dashboard;
using Antq.Admin.Features.Plans;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Demo;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Exports;
using Antq.Admin.Features.Reports;
using Antq.Admin.Features.Forms;
using Antq.Admin.Features.Health;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Registration;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Features.Review;
using Antq.Admin.Features.Studio;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

// First statement: schema `pattern`s run through .NET regexes, bounded only by the process default.
AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromMilliseconds(200));

var builder = WebApplication.CreateBuilder(args);
// The logging levels and defaults of appsettings.json also when started from another folder (AppFolderSettings.cs).
builder.Configuration.AddAppFolderSettings(builder.Environment.ContentRootPath, AppContext.BaseDirectory, builder.Environment.EnvironmentName);
var options = builder.AddAntqServer();
StartupBanner.Starting(options, builder.Configuration);
builder.UseBuildOutputStaticAssets();

// The features, each registered by its Features/Xxx/XxxFeature.cs (docs/decisions/0008-module-layout.md).
// The order of the startup seeders is the order here: units, demo data, then the documents' templates.
builder.Services.AddAuthFeature(builder.Configuration, builder.Environment);
builder.Services.AddPacksFeature();
builder.Services.AddUnitsFeature();
builder.Services.AddPlansFeature();
builder.Services.AddDemoFeature(options);
builder.Services.AddSubmissionsFeature();
builder.Services.AddRegistrationFeature();
builder.Services.AddDocumentsFeature();
builder.Services.AddAccountsFeature();
builder.Services.AddDeadlinesFeature();
builder.Services.AddNotificationsFeature();
builder.Services.AddRemindersFeature(builder.Configuration, options);
builder.Services.AddDashboardFeature();
builder.Services.AddFormsFeature();
builder.Services.AddReviewFeature();
builder.Services.AddExportsFeature();
builder.Services.AddReportsFeature();
builder.Services.AddStudioFeature();
builder.Services.AddAntqUi();
// After a start the JIT has not seen the hot paths: run them before the traffic does (ANTQ_WARMUP, StartupWarmup.cs);
// /health says "warming" meanwhile.
builder.Services.AddSingleton(new WarmupState(options.Warmup));
if (options.Warmup) builder.Services.AddSingleton<StartupWarmup>().AddHostedService(sp => sp.GetRequiredService<StartupWarmup>());

var app = builder.Build();
await app.InitialiseAsync();
app.UseAntqSecurityHeaders();
app.UseAntqPipeline();
app.UseMiddleware<JsonBodyValidation>();

app.MapAntqApiDocs();
app.MapHealthFeature();
app.MapAuthFeature();
app.MapPacksFeature();
app.MapUnitsFeature();
app.MapPlansFeature();
app.MapAccountsFeature();
app.MapSubmissionsFeature();
app.MapRegistrationFeature();
app.MapReviewFeature();
app.MapDocumentsFeature();
app.MapDeadlinesFeature();
app.MapNotificationsFeature();
app.MapRemindersFeature();
app.MapDashboardFeature();
app.MapFormsFeature();
app.MapExportsFeature();
app.MapReportsFeature();
app.MapStudioFeature();
app.MapStaticAssets();
// Every page needs a signed-in user unless marked [AllowAnonymous]; the cookie scheme's challenge
// redirects to the login page (the default scheme's would answer a bare 401, as for the API).
app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme });

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>For WebApplicationFactory in the tests.</summary>
public partial class Program;
