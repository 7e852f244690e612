using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Antq.Admin.Data;
using Antq.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Auth;

/// <summary>With ANTQ_DP_CERT_PATH the data-protection keys are stored encrypted with the certificate, and still work.</summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"antq-dp-{Guid.NewGuid():N}.pfx");
    private readonly AntqApiFactory _factory;

    public DataProtectionKeyTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Antq data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, "mat-khau-chung-chi"));
        _factory = new AntqApiFactory
        {
            Settings = { ["ANTQ_DP_CERT_PATH"] = _pfx, ["ANTQ_DP_CERT_PASSWORD"] = "mat-khau-chung-chi" },
        };
    }

    public void Dispose()
    {
        _factory.Dispose();
        File.Delete(_pfx);
    }

    [Fact]
    public async Task Keys_StoredEncrypted_TokensStillWork()
    {
        await _factory.WorldAsync();
        var client = await TestWorld.LoginAsync(_factory, "admin@test.vn");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        var keys = await _factory.WithServicesAsync(async s => await s.GetRequiredService<AntqDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml);
            Assert.Contains("EncryptedData", xml);
        });
    }
}
