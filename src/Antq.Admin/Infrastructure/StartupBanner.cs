using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Antq.Admin.Infrastructure;

/// <summary>Tells the person who started the server where it listens and how to sign in.</summary>
public static class StartupBanner
{
    public static readonly List<(string Email, string Password, string Role, string Unit)> DemoAccounts = [];

    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<AntqOptions>();
        Console.WriteLine();
        Console.WriteLine("Antq.Forms đang chạy:");
        var docs = ApiDocs.Mode(app);
        foreach (var address in addresses)
            Console.WriteLine(docs is null ? $"  {address}" : $"  {address}   (API: {address}/scalar, OpenAPI: {address}/openapi/v1.json{docs})");
        Console.WriteLine($"  Dữ liệu: {options.DataDirectory} ({options.Provider})");
        Console.WriteLine($"  Địa chỉ in trong văn bản (liên kết xác minh): {options.PublicUrl ?? Features.Documents.DocumentLinks.ListeningOrigin(app.Services.GetService<IServer>()) + "   (chưa đặt ANTQ_PUBLIC_URL)"}");
        if (DemoAccounts.Count > 0)
        {
            Console.WriteLine("Tài khoản demo:");
            foreach (var (email, password, role, unit) in DemoAccounts) Console.WriteLine($"  {email} / {password}  [{role}] {unit}");
        }
        Console.WriteLine();
    }
}
