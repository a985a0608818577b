using Microsoft.AspNetCore.Builder;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Page;

/// <summary>serve on a free loopback port, for a test class; with the shipped rules unless a subclass says otherwise.</summary>
public class PageServer : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    protected virtual RetakeAdvisor Advisor => Shipped.Advisor;

    protected virtual ApiKeys? Keys => null;

    public async Task InitializeAsync()
    {
        _app = AdviceServer.Build(Advisor, "http://127.0.0.1:0", logging: false, apiKeys: Keys);
        await _app.StartAsync();
        Url = new Uri(_app.Urls.Single().TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = Url };
    }

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
