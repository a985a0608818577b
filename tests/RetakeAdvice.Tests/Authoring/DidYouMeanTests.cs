namespace RetakeAdvice.Tests.Authoring;

/// <summary>A misspelt fact, member or name in an expression gets the nearest real one, and for a member the list.</summary>
public sealed class DidYouMeanTests
{
    private static string LoadError(string ruleId, string expression)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression(ruleId, expression);
        return Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Message;
    }

    [Fact]
    public void MisspeltFact_NearestFactAndTheListOfFacts()
    {
        var message = LoadError("wellbeing.counseling", "facts.Distres > 1");

        Assert.Contains("No property or field 'Distres' exists in type 'AdviceFacts'; did you mean 'Distress'? AdviceFacts has: Accommodations, AsOf, ", message, StringComparison.Ordinal);
        Assert.Contains(", ThoughtsOfSelfHarm, Topics, ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltProfileMember_NearestMember()
    {
        var message = LoadError("wellbeing.counseling", "profile.Wellbieng != null");

        Assert.Contains("did you mean 'Wellbeing'? RetakeProfile has: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltParameter_NearestNameInScope()
    {
        var message = LoadError("wellbeing.counseling", "facts.Distress >= counselingDistres");

        Assert.Contains("Unknown identifier 'counselingDistres'; did you mean 'counselingDistress'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingClose_NoGuess()
    {
        var message = LoadError("wellbeing.counseling", "facts.Zzzzzzzzzzz > 1");

        Assert.DoesNotContain("did you mean", message, StringComparison.Ordinal);
        Assert.Contains("AdviceFacts has: ", message, StringComparison.Ordinal);
    }
}
