using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Antq.Admin.Tests.Units;

/// <summary>Sign-in with any password, on any host (the demo host, accounts the tests create).</summary>
public static class ApiLogin
{
    public static async Task<HttpResponseMessage> TryAsync(WebApplicationFactory<Program> factory, string email, string password) =>
        await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });

    public static async Task<HttpClient> AsAsync(WebApplicationFactory<Program> factory, string email, string password)
    {
        var response = await TryAsync(factory, email, password);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The <c>items</c> of a page as JSON elements.</summary>
    public static async Task<List<JsonElement>> ItemsAsync(this HttpClient client, string url)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(url);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString() ?? "";

    public static int Int(this JsonElement element, string property) => element.GetProperty(property).GetInt32();
}
