using System.Text.Json;

// The same routes bench/Antq.Load calls, answered as cheaply as ASP.NET allows: /health, a sign-in that hands out a
// fixed token, and the evaluate route, which parses the request body as the server does (JSON) and answers a small
// JSON object. Started like the server: ASPNETCORE_URLS=http://127.0.0.1:5090 dotnet bench/Antq.Hello/bin/Release/net10.0/Antq.Hello.dll
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapGet("/health", () => Results.Json(new Health("ok")));
app.MapPost("/api/auth/login", () => Results.Json(new Token("hello-ceiling")));
app.MapPost("/api/packs/{packId}/evaluate", async (string packId, HttpRequest request) =>
{
    using var body = await JsonDocument.ParseAsync(request.Body);
    var fields = body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data.EnumerateObject().Count() : 0;
    return Results.Json(new Answer(packId, fields, request.Headers.Authorization.Count > 0));
});
app.Run();

internal sealed record Health(string Status);
internal sealed record Token(string AccessToken);
internal sealed record Answer(string PackId, int Fields, bool Authorised);
