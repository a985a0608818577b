using Microsoft.Playwright;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Page;

/// <summary>serve --watch on a copy of the rules: the page notices a reload by itself and advises again.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWatchTests(BrowserFixture browser, PageWatchTests.WatchedServer server) : IClassFixture<PageWatchTests.WatchedServer>
{
    [BrowserFact]
    public async Task RuleFileEdited_PageShowsTheNewRuleSetAndAdvisesAgain_WithoutAReload()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Url + "?sample=near-miss");
        var before = await PageTests.CardsAsync(page);
        var oldSha = server.Watched.RuleSet.Sha256;
        await Assertions.Expect(page.Locator("#ruleset-sha")).ToHaveTextAsync(oldSha);
        await page.EvaluateAsync("window.notReloaded = true");
        var summary = before.Single(c => c.Id == "school.contact-now").Summary;
        const string Edited = "Tell your school's academic advisor this week: edited while the page was open.";

        server.Folder.Replace("school.json", $"\"summary\": \"{summary}\"", $"\"summary\": \"{Edited}\"");
        await WaitAsync(() => server.Watched.RuleSet.Sha256 != oldSha, "the watched folder was not reloaded");
        var newSha = server.Watched.RuleSet.Sha256;
        // The page's own polling, not a reload or a click, brings both.
        await Assertions.Expect(page.Locator("#ruleset-sha")).ToHaveTextAsync(newSha, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#advice")).ToHaveAttributeAsync("data-sha", newSha, new() { Timeout = 15_000 });
        var after = await PageTests.CardsAsync(page);

        Assert.Equal(Edited, after.Single(c => c.Id == "school.contact-now").Summary);
        Assert.Equal(before.Select(c => c.Id), after.Select(c => c.Id));
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "the page was reloaded");
        Assert.StartsWith("The rules changed", await page.TextContentAsync("#ruleset-updated"), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task BrokenEdit_PageShowsTheReloadError_AndTheAdviceStays()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Url + "?sample=near-miss");
        var before = await PageTests.CardsAsync(page);

        var original = server.Folder.Read("tactics.json");
        server.Folder.Write("tactics.json", "{ truncated");
        try
        {
            await WaitAsync(() => server.Watched.Status.LastReloadError is not null, "the broken edit was not noticed");
            await page.Locator("#ruleset-error").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

            Assert.Contains("tactics.json(1,3)", await page.TextContentAsync("#ruleset-error-text"), StringComparison.Ordinal);
            Assert.Equal(before, await PageTests.CardsAsync(page));
        }
        finally
        {
            server.Folder.Write("tactics.json", original);
            await WaitAsync(() => server.Watched.Status.LastReloadError is null, "the repaired folder was not reloaded");
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string why)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(50))
        {
            Assert.True(waited < TimeSpan.FromSeconds(15), why);
            await Task.Delay(50);
        }
    }

    /// <summary>serve --watch over a private copy of the shipped rules.</summary>
    public sealed class WatchedServer : PageServer
    {
        private readonly Lazy<RetakeAdvisor> _advisor;

        public WatchedServer()
        {
            Folder = TempRuleFolder.CopyOfShippedRules();
            _advisor = new(() => RetakeAdvisor.Create(RuleSource.FromDirectory(Folder.Path, watch: true, reloadDelay: TimeSpan.FromMilliseconds(200))));
        }

        internal TempRuleFolder Folder { get; }

        public RetakeAdvisor Watched => _advisor.Value;

        protected override RetakeAdvisor Advisor => Watched;

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Watched.Dispose();
            Folder.Dispose();
        }
    }
}

/// <summary>serve --api-keys-file: the page loads, asks for the key, keeps it in the tab only, and then advises.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageApiKeyTests(BrowserFixture browser, PageApiKeyTests.KeyedServer server) : IClassFixture<PageApiKeyTests.KeyedServer>
{
    private const string Key = "page-test-key-0123456789";

    [BrowserFact]
    public async Task WithoutAKey_PageSaysSo_WithTheKey_ItAdvises()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(server.Url + "?sample=near-miss");
        await page.Locator("#status").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

        Assert.Equal(200, response!.Status);
        Assert.Contains("asks for an API key", await page.TextContentAsync("#status"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("document.getElementById('key-panel').open"));
        Assert.Equal(0, await page.Locator("#cards > li").CountAsync());

        await page.FillAsync("#api-key", Key);
        await page.Keyboard.PressAsync("Enter");
        var cards = await PageTests.CardsAsync(page);

        Assert.NotEmpty(cards);
        await Assertions.Expect(page.Locator("#ruleset-sha")).ToHaveTextAsync(Shipped.Advisor.RuleSet.Sha256);
        Assert.Equal(Key, await page.EvaluateAsync<string>("sessionStorage.getItem('retake-advice-api-key')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
        Assert.False(await page.Locator("#status").IsVisibleAsync());
    }

    [BrowserFact]
    public async Task AWrongKey_IsToldApart()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Url.ToString());
        await page.FillAsync("#profile", Profiles.MinimalJson());
        await page.ClickAsync("#key-panel summary");
        await page.FillAsync("#api-key", "not-the-key-but-long-enough");
        await page.ClickAsync("#save-key");
        await page.Locator("#status").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

        Assert.Contains("did not accept the API key", await page.TextContentAsync("#status"), StringComparison.Ordinal);
    }

    /// <summary>serve with one API key.</summary>
    public sealed class KeyedServer : PageServer
    {
        protected override ApiKeys? Keys => ApiKeys.Parse(Key + "\n", "keys.txt");
    }
}
