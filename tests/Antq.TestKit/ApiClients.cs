using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Antq.TestKit;

/// <summary>The API as the tests call it from outside: a bearer sign-in, a zip posted as a form's file.</summary>
public static class ApiClients
{
    /// <summary>Signs in with <c>/api/auth/login</c> and keeps the bearer token on the client (fails unless 2xx).</summary>
    public static async Task<HttpClient> SignInAsync(this HttpClient http, string email, string password)
    {
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Posts a zip as the multipart field <c>file</c> (application/zip).</summary>
    public static async Task<HttpResponseMessage> PostZipAsync(this HttpClient http, string url, byte[] zip, string fileName = "goi.zip")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "file", fileName);
        return await http.PostAsync(url, form);
    }
}
