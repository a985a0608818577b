using Microsoft.Playwright;

namespace RetakeAdvice.Tests.Page;

/// <summary>
/// One headless Chromium for all the page's browser tests, driven by Playwright: the system's browser, never one
/// Playwright downloads. Launched on first use, so a machine without it only skips.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A fresh page in a context of its own (its own storage), at the given size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        Assert.True(Chromium.Path is not null, Chromium.Missing);
        await _gate.WaitAsync();
        try
        {
            if (_browser is null)
            {
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = Chromium.Path,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
                });
            }

            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }
}

/// <summary>The browser tests share one browser, and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
