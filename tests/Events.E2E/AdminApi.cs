using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Events.E2E;

/// <summary>The API as the administrator, for arranging what a browser test then does by hand.</summary>
public sealed class AdminApi : IDisposable
{
    private readonly HttpClient _http;

    private AdminApi(HttpClient http) => _http = http;

    public HttpClient Http => _http;

    public static async Task<AdminApi> SignInAsync(AppProcess app)
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await (await http.PostAsJsonAsync("/api/v1/identity/login", new { email = AppProcess.AdminEmail, password = AppProcess.AdminPassword }))
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return new AdminApi(http);
    }

    public async Task<int> FirstOrganizationAsync() =>
        (await _http.GetFromJsonAsync<JsonElement>("/api/v1/organizations"))[0].GetProperty("id").GetInt32();

    /// <summary>Creates and publishes an event; returns its id and the id of its first session.</summary>
    public async Task<(int EventId, int SessionId)> PublishAsync(object body)
    {
        var response = await _http.PostAsJsonAsync("/api/v1/events", body);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(created.ToString());
        var id = created.GetProperty("id").GetInt32();
        (await _http.PostAsync($"/api/v1/events/{id}/publish", null)).EnsureSuccessStatusCode();
        return (id, created.GetProperty("sessions")[0].GetProperty("id").GetInt32());
    }

    /// <summary>A registration made through the public API (no sign-in needed there).</summary>
    /// <summary>Returns the manage token.</summary>
    public async Task<string> RegisterAsync(int sessionId, string email, string name = "Test Person")
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        var response = await anonymous.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/registrations",
            new { fullName = name, email, countryCode = "RU", consent = true });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("manageToken").GetString()!;
    }

    public void Dispose() => _http.Dispose();
}
