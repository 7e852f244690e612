using System.Net;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Antq.Admin.Tests.Documents;

/// <summary>Issued documents never take their verify address from the request; Production needs ANTQ_PUBLIC_URL.</summary>
public sealed class DocumentAddressTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task IssuedDocument_RequestWithForeignHost_VerifyLinkDoesNotUseIt()
    {
        var world = await factory.WorldAsync();
        var login = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        // No public address configured: the fallback must still not be the request's Host.
        using var withoutPublicUrl = factory.WithWebHostBuilder(b => b.UseSetting("ANTQ_PUBLIC_URL", ""));
        var commune = withoutPublicUrl.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/") });
        commune.DefaultRequestHeaders.Authorization = login.DefaultRequestHeaders.Authorization;

        var id = await commune.SubmitAsync(world.CommuneA1);

        var toTrinh = (await commune.VersionsAsync(id, "to-trinh")).Single();
        var code = toTrinh.GetProperty("verificationCode").GetString()!;
        var link = toTrinh.GetProperty("verifyUrl").GetString()!;
        Assert.EndsWith($"/verify/{code}", link);
        Assert.DoesNotContain("evil.example", link);
        var html = DocumentHttp.Text(await commune.BytesAsync(id, "to-trinh"));
        Assert.Contains($"/verify/{code}", html);
        Assert.DoesNotContain("evil.example", html);
        Assert.DoesNotContain("evil.example", DocumentHttp.DocxPart(await commune.BytesAsync(id, "to-trinh", format: "docx"), "docProps/custom.xml"));
    }

    [Fact]
    public void Production_WithoutPublicUrl_RefusesToStart()
    {
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("ANTQ_PUBLIC_URL", ""));

        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("ANTQ_PUBLIC_URL", messages);
        Assert.Contains("Production", messages);
    }

    [Fact]
    public async Task Production_WithPublicUrl_DocumentsCarryIt()
    {
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("ANTQ_PUBLIC_URL", "https://antq.example.vn/"));
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/") });
        client.DefaultRequestHeaders.Authorization = commune.DefaultRequestHeaders.Authorization;

        var id = await client.SubmitAsync(world.CommuneA2);

        var link = (await client.VersionsAsync(id, "to-trinh")).Single().GetProperty("verifyUrl").GetString()!;
        Assert.StartsWith("https://antq.example.vn/verify/", link);
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
            if (error is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
