using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Antq.Admin.Infrastructure;

/// <summary>Tells the person who started the server where it listens and how to sign in.</summary>
public static class StartupBanner
{
    public static readonly List<(string Email, string Password, string Role, string Unit)> DemoAccounts = [];

    /// <summary>
    /// The first lines a newcomer reads, before the database is prepared: what is happening and where
    /// the data lives. The data-protection note replaces ASP.NET's "No XML encryptor configured" warning
    /// (silenced in appsettings.json), which alarms without saying what it means here.
    /// </summary>
    public static void Starting(AntqOptions options, IConfiguration configuration)
    {
        Console.WriteLine("Antq.Forms đang khởi động: chuẩn bị cơ sở dữ liệu, nạp bộ tiêu chí và mẫu văn bản"
            + (options.SeedDemo ? ", tạo dữ liệu demo Đồng Nai" : "") + "…");
        Console.WriteLine($"  Thư mục dữ liệu: {options.DataDirectory}   (đổi bằng ANTQ_DATA_DIR)");
        if (string.IsNullOrEmpty(configuration["ANTQ_DP_CERT_PATH"]))
            Console.WriteLine("  Khóa ký cookie và mã truy cập được lưu trong cơ sở dữ liệu, không mã hóa riêng; đặt ANTQ_DP_CERT_PATH "
                + "để mã hóa chúng khi lưu (README, \"Data-protection keys\"). / Data-protection keys are kept in the database, "
                + "unencrypted at rest unless ANTQ_DP_CERT_PATH is set.");
        Console.WriteLine("  Khi sẵn sàng, máy chủ in địa chỉ cần mở trong trình duyệt.");
    }

    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<AntqOptions>();
        Console.WriteLine();
        Console.WriteLine("Antq.Forms đã sẵn sàng. Mở địa chỉ sau trong trình duyệt và đăng nhập:");
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
