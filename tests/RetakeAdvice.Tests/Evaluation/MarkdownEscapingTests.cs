using System.Reflection;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Markdig;
using RetakeAdvice.Loading;
using RetakeAdvice.Model;
using MarkdownText = RetakeAdvice.Model.Markdown;

namespace RetakeAdvice.Tests.Evaluation;

/// <summary>
/// A card's <c>detail</c> is Markdown, and profile text written into it must read as its characters: never a link,
/// an image, raw HTML, emphasis or a new block. The judge is a CommonMark renderer with GitHub's extensions (tables,
/// strikethrough, bare links, task lists); the rule author's own Markdown and the manifest's texts stay as written.
/// </summary>
public sealed class MarkdownEscapingTests
{
    private static readonly MarkdownPipeline GitHubFlavoured = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UseTaskLists()
        .Build();

    public static TheoryData<string> Hostile() =>
    [
        "[x](javascript:alert(1))",
        "![t](https://tracker.example/p.png)",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "**bold** and _it_ and `code` and ~~gone~~",
        "a\n\n# heading\n- item",
        "line\r\nbreak\u2028and\u2029more",
        "https://evil.example/x and www.evil.example and mailto:a@b.example",
        "write to evil@example.com",
        "&lt;b&gt; &amp; &#60;",
        "| a | b |",
        "back\\slash\\",
        "<https://evil.example>",
        "[ref]: https://evil.example",
        "- [ ] task",
        "1. first",
        "12) twelfth",
        "# heading",
        "> quote",
        "+ plus",
        "=== rule",
        "--- rule",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Escape_InsideALine_RendersAsTheCharacters(string text) =>
        Assert.Equal(Paragraph("x " + text + " y"), Render("x " + MarkdownText.Escape(text) + " y"));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Escape_AtTheStartOfALine_RendersAsTheCharacters(string text) =>
        Assert.Equal(Paragraph(text + " y"), Render(MarkdownText.Escape(text) + " y"));

    [Property(MaxTest = 3000)]
    public void Escape_AnyText_RendersAsTheCharacters(NonNull<string> text) =>
        Assert.Equal(Paragraph("x " + text.Get + " y"), Render("x " + MarkdownText.Escape(text.Get) + " y"));

    [Fact]
    public void Escape_TextWithNothingToEscape_IsTheSameString()
    {
        const string name = "Renal tubular acidosis (type 4), 2nd pass";

        Assert.Same(name, MarkdownText.Escape(name));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Detail_ProfileTextFromItemOrList_IsEscapedAsWritten(string name)
    {
        var facts = Facts(name);
        var escaped = Facts(MarkdownText.Escape(name)!);

        // Escaping where the text is written gives what escaping it at the source would give.
        foreach (var text in WrittenTemplates)
        {
            var markdown = Compile(text, markdown: true);
            var plain = Compile(text, markdown: false);
            Assert.Equal(plain.Render(new RetakeProfile(), escaped, escaped.Topics![0]), markdown.Render(new RetakeProfile(), facts, facts.Topics![0]));
        }
    }

    [Fact]
    public void Detail_ComparisonsSeeTheTextAsTyped()
    {
        var facts = Facts("a*b");

        var rendered = Compile("{facts.Topics.Where(t => t.Name == \"a*b\").Select(t => t.Name)} {facts.Topics.Count(t => t.Name.Contains(\"*\"))}", markdown: true)
            .Render(new RetakeProfile(), facts, null);

        Assert.Equal(@"a\*b 1", rendered);
    }

    [Fact]
    public void Detail_TheRuleAuthorsMarkdownAndTheManifestsTexts_StayAsWritten()
    {
        var facts = Facts("x");
        const string text = "{facts.Topics.Count > 0 ? \"**Start** with [the plan](https://example.org) & rest\" : \"\"} {facts.CrisisLines[0].Name}: {facts.CoreResources}";

        var rendered = Compile(text, markdown: true).Render(new RetakeProfile(), facts, null);

        Assert.Equal("**Start** with [the plan](https://example.org) & rest 988 Suicide & Crisis Lifeline: First Aid *2026*, UWorld", rendered);
    }

    [Fact]
    public void Detail_AWholeFactWithProfileText_IsEscapedWhole()
    {
        var facts = Facts("[x](javascript:y)");

        var rendered = Compile("{facts.Topics} and {\"\" + item}", markdown: true).Render(new RetakeProfile(), facts, facts.Topics![0]);

        Assert.DoesNotContain("[x]", rendered);
        Assert.Equal(Paragraph(Compile("{facts.Topics} and {\"\" + item}", markdown: false).Render(new RetakeProfile(), facts, facts.Topics[0])), Render(rendered));
    }

    [Fact]
    public void SummaryAndBecause_ArePlainText_AndKeepTheNameAsTyped()
    {
        const string name = "<img src=x onerror=alert(1)> [x](javascript:alert(1))";
        var profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("near-miss.json")));
        profile = profile with { Topics = [.. profile.Topics!.Select(t => t with { Name = name + " " + t.Name })] };

        var report = Shipped.Advisor.Advise(profile);

        var focus = report.Recommendations.Where(r => r.Id == "topics.focus").ToList();
        Assert.NotEmpty(focus);
        Assert.All(focus, card =>
        {
            Assert.Contains(name, card.Summary, StringComparison.Ordinal);
            Assert.Contains(name, card.Because[0], StringComparison.Ordinal);
            Assert.Contains(MarkdownText.Escape(name)!, card.Detail, StringComparison.Ordinal);
        });
        Assert.All(report.Recommendations.Where(r => r.Detail is not null), card =>
        {
            var html = Render(card.Detail!);
            Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryTextFact_IsProfileTextOrNamedHereAsTheRuleSets()
    {
        // Text that comes from the manifest, or is one of a fixed set of values: written into Markdown as it is.
        string[] ruleSetText =
        [
            "AdviceFacts.FailureBand", "AdviceFacts.CoreResources", "AdviceFacts.MissingCoreResources", "AdviceFacts.PracticeVerdict",
            "AdviceFacts.StudentType", "AdviceFacts.Accommodations", "AdviceFacts.CrisisLines", "AdviceFacts.SupportLines",
            "CrisisLine.Name", "CrisisLine.Contact", "CrisisLine.How",
            "PracticeExamFact.Verdict", "PracticeExamFact.Measure", "MentorFact.Role", "ContentAreaFact.Performance",
        ];
        var factTypes = typeof(AdviceFacts).Assembly.GetExportedTypes().Where(t => t.Namespace == "RetakeAdvice" && (t.Name.EndsWith("Fact", StringComparison.Ordinal) || t.Name.EndsWith("Facts", StringComparison.Ordinal) || t == typeof(CrisisLine)));

        var unclassified = factTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType == t))
            .Where(p => p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType) || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericArguments()[0] == typeof(CrisisLine)))
            .Where(p => !MarkdownEscaper.IsProfileText(p) && !ruleSetText.Contains($"{p.DeclaringType!.Name}.{p.Name}"))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(unclassified);
        Assert.True(MarkdownEscaper.IsProfileText(typeof(TopicFact).GetProperty(nameof(TopicFact.Name))!));
        Assert.True(MarkdownEscaper.IsProfileText(typeof(Mentor).GetProperty(nameof(Mentor.Name))!)); // the profile's own types
        Assert.False(MarkdownEscaper.IsProfileText(typeof(CrisisLine).GetProperty(nameof(CrisisLine.Name))!));
    }

    // Templates whose profile text is written, never compared: escaping at the write equals escaping at the source.
    private static readonly string[] WrittenTemplates =
    [
        "Review {item.Name} now",
        "{item.Name}",
        "{item.Discipline ?? item.Name}: {item.Seen}",
        "{facts.Topics.Select(t => t.Name)}",
        "{facts.Topics.Where(t => t.Seen <= 2).Select(t => t.Name + \" (\" + t.Seen + \")\")}",
        "{string.Join(\"; \", facts.Topics.Select(t => t.Name))}",
        "{facts.TargetSpecialty != null ? \"aim at \" + facts.TargetSpecialty : \"\"}",
        "{\"for \" + item.Name.ToUpperInvariant() + \".\"}",
        "{facts.Topics.Count > 0 ? facts.Topics[0].Name : \"none\"}",
    ];

    private static Template Compile(string text, bool markdown) =>
        TemplateCompiler.Compile(new ExpressionCompiler(), text, ExpressionScope.Root.WithItem(typeof(TopicFact)), markdown);

    private static AdviceFacts Facts(string name) => new()
    {
        Topics = [new TopicFact(new TopicResult { Name = name, Discipline = name, Seen = 1, Incorrect = 1 }, 1.5), new TopicFact(new TopicResult { Name = "Plain", Seen = 9 }, 1)],
        TargetSpecialty = name,
        CoreResources = ["First Aid *2026*", "UWorld"],
        CrisisLines = [new CrisisLine { Name = "988 Suicide & Crisis Lifeline", Contact = "988", How = "call or text" }],
    };

    private static string Render(string markdown) => Markdig.Markdown.ToHtml(markdown, GitHubFlavoured);

    // What a renderer makes of plain characters: one paragraph, HTML-encoded, line breaks read as spaces.
    private static string Paragraph(string text)
    {
        var html = new StringBuilder("<p>");
        foreach (var c in text.Trim(' ', '\t', '\n', '\r'))
        {
            html.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\0' => "\uFFFD",
                '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\v' or '\f' => " ",
                _ => c.ToString(),
            });
        }

        return html.Append("</p>\n").ToString();
    }
}
