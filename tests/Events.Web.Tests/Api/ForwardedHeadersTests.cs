using System.Net;
using System.Net.Http.Json;
using Events.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Api;

/// <summary>
/// Behind a reverse proxy (10.0.0.1 here) the registration limit counts each visitor, not the proxy; from any
/// other peer X-Forwarded-For is ignored, so nobody escapes the limit by inventing addresses.
/// </summary>
public sealed class BehindProxyFactory : EventsWebFactory
{
    protected override int RegistrationPermits => 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies", "10.0.0.1");
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, TcpPeerFromTestHeader>());
    }

    /// <summary>The test server has no TCP peer; this stands in for one, before the app's own middleware runs.</summary>
    private sealed class TcpPeerFromTestHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextDelegate) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Test-Peer"].FirstOrDefault() ?? "127.0.0.1");
                return nextDelegate(context);
            });
            next(app);
        };
    }
}

public class ForwardedHeadersTests(BehindProxyFactory app) : IClassFixture<BehindProxyFactory>
{
    private async Task<HttpStatusCode> RegisterAsync(string peer, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions/999999/registrations")
        {
            Content = JsonContent.Create(new { email = "x@example.kg" }),
        };
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await app.Anonymous().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task ThroughKnownProxy_LimitCountsEachClient()
    {
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await RegisterAsync("10.0.0.1", "203.0.113.5"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await RegisterAsync("10.0.0.1", "203.0.113.5"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await RegisterAsync("10.0.0.1", "203.0.113.5"));

        // Another visitor behind the same proxy still gets through.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await RegisterAsync("10.0.0.1", "203.0.113.6"));
    }

    [Fact]
    public async Task FromUnknownPeer_ForwardedForIgnored_LimitCountsThePeer()
    {
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await RegisterAsync("198.51.100.9", "192.0.2.1"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await RegisterAsync("198.51.100.9", "192.0.2.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await RegisterAsync("198.51.100.9", "192.0.2.3"));
    }
}
