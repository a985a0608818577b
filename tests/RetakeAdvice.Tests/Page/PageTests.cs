using System.Text;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RetakeAdvice.Tests.Page;

/// <summary>serve's page in a real headless Chromium: what a rule author or advisor sees and can do.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTests(BrowserFixture browser, PageServer server) : IClassFixture<PageServer>
{
    private static readonly System.Text.Json.JsonSerializerOptions JsonWeb = new(System.Text.Json.JsonSerializerDefaults.Web);
    private const string XssName = "<img src=x onerror=alert(1)>";

    [BrowserFact]
    public async Task SampleLink_OpensAdvised_CardsInTheOrderOfTheApi()
    {
        var profile = await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"));
        var expected = await ApiCardsAsync(profile);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(server.Url + "?sample=near-miss");
        var cards = await CardsAsync(page);

        Assert.True(expected.Count > 5, "near-miss should give many cards");
        Assert.Equal(expected, cards);
        Assert.Equal("near-miss", await page.InputValueAsync("#sample"));
        Assert.Equal(JsonNode.Parse(profile)!.ToJsonString(), JsonNode.Parse(await page.InputValueAsync("#profile"))!.ToJsonString());
        Assert.Equal("Not ready yet", await page.TextContentAsync(".readiness .badge"));
        Assert.Equal("4–8 weeks", await page.TextContentAsync(".weeks p"));
        Assert.Equal(Shipped.Advisor.RuleSet.Sha256, await page.TextContentAsync("#ruleset-sha"));
        Assert.Equal(Shipped.Advisor.RuleSet.Version, await page.TextContentAsync("#ruleset-version"));
    }

    [BrowserFact]
    public async Task ProfileLink_OpensAdvised_AndCopyLinkGivesALinkThatOpensTheSameCase()
    {
        var profile = Profiles.MinimalJson("\"school\":{\"contacted\":false},\"wellbeing\":{\"distress\":8}");
        var expected = await ApiCardsAsync(profile);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(server.Url + "#profile=" + Base64Url(profile));
        var cards = await CardsAsync(page);
        await page.ClickAsync("#copy-link");
        var link = await CopiedLinkAsync(page);
        var second = await browser.NewPageAsync();
        await second.GotoAsync(link);

        Assert.Equal(expected, cards);
        Assert.Contains(cards, c => c.Id == "wellbeing.counseling");
        Assert.StartsWith(server.Url + "#profile=", link, StringComparison.Ordinal);
        Assert.Equal(expected, await CardsAsync(second));
    }

    [BrowserFact]
    public async Task HostileTopicName_ShowsAsText_AndNothingRuns()
    {
        var profile = Profiles.MinimalJson($"\"topics\":[{{\"name\":{JsonValue.Create(XssName).ToJsonString()},\"discipline\":\"pathology\",\"seen\":12,\"incorrect\":6}}]");
        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync(server.Url + "#profile=" + Base64Url(profile));
        var cards = await CardsAsync(page);
        await page.WaitForSelectorAsync("#rules > li");
        await page.WaitForTimeoutAsync(300); // time for an onerror to fire, were there an image

        var card = Assert.Single(cards, c => c.Target == XssName);
        var cardText = await page.Locator($"#cards > li[data-id='{card.Id}']").InnerTextAsync();
        Assert.Contains(XssName, cardText, StringComparison.Ordinal);
        Assert.Contains(XssName, await page.Locator("#rules").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('img').length"));
        Assert.Empty(dialogs);
    }

    [BrowserFact]
    public async Task Page_SendsAStrictContentSecurityPolicy_AndBreaksNoneOfIt()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(server.Url + "?sample=near-miss");
        await CardsAsync(page);
        await page.WaitForSelectorAsync("#rules > li");
        var headers = await response!.AllHeadersAsync();

        var csp = headers["content-security-policy"];
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Empty(violations);
    }

    [BrowserTheory]
    [InlineData("near-miss")]
    [InlineData("long-topic-list")]
    public async Task PhoneWidth_NoHorizontalScroll(string sample)
    {
        var page = await browser.NewPageAsync(width: 360, height: 740);

        await page.GotoAsync(server.Url + "?sample=" + sample);
        await CardsAsync(page);
        await page.WaitForSelectorAsync("#rules > li");
        await page.ClickAsync("#key-panel summary");

        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways at 360px");
    }

    [BrowserFact]
    public async Task EveryControl_HasAnAccessibleLabel()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Url + "?sample=near-miss");
        await CardsAsync(page);

        var controls = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('input, select, textarea, button')].map(c =>
              (c.labels && c.labels.length && [...c.labels].some(l => l.textContent.trim())) || c.getAttribute('aria-label')
                || c.getAttribute('aria-labelledby') || (c.tagName === 'BUTTON' && c.textContent.trim())
                ? 'labelled' : (c.id || c.outerHTML))
            """);

        Assert.True(controls.Length >= 8, $"only {controls.Length} controls found");
        Assert.All(controls, c => Assert.Equal("labelled", c));
        Assert.Equal(1, await page.Locator("main").CountAsync());
        Assert.Equal(1, await page.Locator("h1").CountAsync());
    }

    [BrowserFact]
    public async Task AdvisedPage_PassesAxesWcagAaChecks()
    {
        // axe-core: colour contrast, names of controls, landmarks, headings, list structure, ARIA use. Once, at
        // desktop width: it takes seconds on a page this long; the phone layout has its own test above.
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Url + "?sample=near-miss");
        await CardsAsync(page);
        await page.WaitForSelectorAsync("#rules > li");
        await page.ClickAsync("#key-panel summary");

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });

        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v =>
            $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})")));
        Assert.True(result.Passes.Length > 10, "axe ran almost no checks");
    }

    [BrowserFact]
    public async Task Keyboard_TabReachesAdvise_WithAVisibleFocus_AndEnterAdvises()
    {
        var profile = await File.ReadAllTextAsync(Profiles.SamplePath("crisis.json"));
        var expected = await ApiCardsAsync(profile);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Url.ToString());
        await page.Locator("#profile").FillAsync(profile);
        await page.EvaluateAsync("document.activeElement.blur()");

        var reached = false;
        for (var i = 0; i < 20 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string>("document.activeElement.id") == "advise";
        }

        Assert.True(reached, "Tab never reached the Advise button");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(expected, await CardsAsync(page));
    }

    [BrowserFact]
    public async Task ExplainPanel_ListsEveryRule_WithTheLibrarysOutcome()
    {
        var profile = await File.ReadAllTextAsync(Profiles.SamplePath("near-miss.json"));
        var explanation = Shipped.Advisor.Explain(RetakeAdviceJson.ReadProfile(profile));
        var outcomes = JsonNode.Parse(RetakeAdviceJson.WriteExplanation(explanation))!["rules"]!.AsArray()
            .Select(r => $"{(string?)r!["id"]} {(string?)r["outcome"]}").ToArray();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(server.Url + "?sample=near-miss");
        await page.WaitForSelectorAsync("#rules > li");
        var shown = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#rules > li')].map(li => li.dataset.ruleId + ' ' + li.dataset.outcome)");

        Assert.Equal(Shipped.Advisor.RuleIds.Order(StringComparer.Ordinal), shown.Select(s => s.Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.Equal(outcomes, shown);
        await page.SelectOptionAsync("#rule-filter", "fired");
        Assert.Equal(outcomes.Count(o => o.EndsWith(" fired", StringComparison.Ordinal)), await page.Locator("#rules > li:visible").CountAsync());
    }

    [BrowserFact]
    public async Task BadProfile_ShowsEachProblemWithItsPath()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Url + "?sample=near-miss");
        await CardsAsync(page);

        await page.Locator("#profile").FillAsync("{\"failedAttempts\": [], \"wellbeing\": {\"distress\": 11}}");
        await page.ClickAsync("#advise");
        await page.WaitForSelectorAsync("#profile-errors li");
        var paths = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#profile-errors li')].map(li => li.dataset.path)");
        var text = await page.Locator("#profile-errors").InnerTextAsync();

        Assert.Equal(["$.failedAttempts", "$.wellbeing.distress"], paths);
        Assert.Contains("$.wellbeing.distress: must be between 0 and 10 (was 11)", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#cards > li").CountAsync()); // the old advice is not left standing
    }

    internal static async Task<List<Card>> CardsAsync(IPage page)
    {
        await page.WaitForSelectorAsync("#cards > li");
        await page.WaitForSelectorAsync("#advice[aria-busy='false']");
        var cards = await page.EvaluateAsync<string>("""
            JSON.stringify([...document.querySelectorAll('#cards > li')].map(li => ({
              id: li.dataset.id, target: li.dataset.target ?? null, summary: li.querySelector('.summary').textContent })))
            """);
        return System.Text.Json.JsonSerializer.Deserialize<List<Card>>(cards, JsonWeb)!;
    }

    internal static async Task<string> CopiedLinkAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#link-status")).Not.ToBeEmptyAsync();
        return await page.Locator("#link-fallback").IsVisibleAsync()
            ? await page.InputValueAsync("#link-text")
            : await page.EvaluateAsync<string>("navigator.clipboard.readText()");
    }

    private async Task<List<Card>> ApiCardsAsync(string profile)
    {
        using var response = await server.Client.PostAsync("v1/advice", new StringContent(profile, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. report["recommendations"]!.AsArray().Select(r => new Card((string)r!["id"]!, (string?)r["target"], (string)r["summary"]!))];
    }

    internal static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public sealed record Card(string Id, string? Target, string Summary);
}
