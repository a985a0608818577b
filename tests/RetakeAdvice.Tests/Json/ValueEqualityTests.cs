using System.Collections;
using System.Reflection;

namespace RetakeAdvice.Tests.Json;

/// <summary>
/// Profiles, reports and explanations compare by value, lists included: a copy read back from JSON equals the original, and a
/// change to any one member, however deep in a list, makes them differ. Every public member of the four record
/// types with lists is tried, so a member added later and left out of Equals fails here.
/// </summary>
public sealed class ValueEqualityTests
{
    private static readonly RetakeProfile Profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(Path.Combine(RepoPaths.Samples, "near-miss.json")));

    private static readonly AdviceReport Report = Shipped.Advisor.Advise(Profile);

    private static readonly AdviceExplanation Explanation = Shipped.Advisor.Explain(Profile);

    public static TheoryData<string> Members()
    {
        var data = new TheoryData<string>();
        foreach (var type in new[] { typeof(RetakeProfile), typeof(AdviceReport), typeof(Recommendation), typeof(Readiness), typeof(AdviceExplanation), typeof(RuleExplanation) })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                data.Add($"{type.Name}.{property.Name}");
            }
        }

        return data;
    }

    [Fact]
    public void CopiesReadBackFromJson_AreEqual_AndHashAlike()
    {
        var profile = RetakeAdviceJson.ReadProfile(System.Text.Json.JsonSerializer.Serialize(Profile, RetakeAdviceJson.Options));
        var report = System.Text.Json.JsonSerializer.Deserialize<AdviceReport>(RetakeAdviceJson.WriteReport(Report), RetakeAdviceJson.Options)!;

        Assert.NotSame(Profile.Topics, profile.Topics);
        Assert.Equal(Profile, profile);
        Assert.Equal(Profile.GetHashCode(), profile.GetHashCode());
        Assert.Equal(Report, report);
        Assert.Equal(Report.GetHashCode(), report.GetHashCode());
        Assert.Equal(Explanation, Shipped.Advisor.Explain(Profile));
        Assert.Equal(Explanation.GetHashCode(), Shipped.Advisor.Explain(Profile).GetHashCode());
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void AnyMemberChanged_MakesThemDiffer(string member)
    {
        var (typeName, propertyName) = (member[..member.IndexOf('.')], member[(member.IndexOf('.') + 1)..]);
        object original = typeName switch
        {
            nameof(RetakeProfile) => Profile,
            nameof(AdviceReport) => Report,
            nameof(Recommendation) => Report.Recommendations[0],
            nameof(AdviceExplanation) => Explanation,
            nameof(RuleExplanation) => Explanation.Rules.First(r => r.Items is { Count: > 0 } && r.Escalation is null),
            _ => Report.Readiness,
        };
        var property = original.GetType().GetProperty(propertyName)!;
        var changed = original.GetType().GetMethod("<Clone>$")!.Invoke(original, null)!;

        property.SetValue(changed, Other(property.PropertyType, property.GetValue(original)));

        Assert.Equal(original, original.GetType().GetMethod("<Clone>$")!.Invoke(original, null));
        Assert.NotEqual(original, changed);
    }

    [Fact]
    public void AnItemDeepInAList_Changed_MakesThemDiffer()
    {
        var topics = Profile.Topics!.ToArray();
        topics[^1] = topics[^1] with { Incorrect = topics[^1].Incorrect + 1 };

        Assert.NotEqual(Profile, Profile with { Topics = topics });
        Assert.Equal(Profile, Profile with { Topics = [.. Profile.Topics!] });
    }

    /// <summary>A value of the type that differs from the given one.</summary>
    private static object? Other(Type type, object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is null)
        {
            var target = underlying ?? type;
            return target == typeof(string) ? "x"
                : target.IsValueType ? Activator.CreateInstance(target)
                : target.IsGenericType && target.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? Array.CreateInstance(target.GetGenericArguments()[0], 0)
                : Activator.CreateInstance(target);
        }

        return value switch
        {
            IList { Count: > 0 } list when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => Without(list, type.GetGenericArguments()[0]),
            int number => number + 1,
            bool flag => !flag,
            string text => text + "x",
            Enum e => Enum.ToObject(e.GetType(), (Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) + 1) % Enum.GetValues(e.GetType()).Length),
            DateOnly date => date.AddDays(1),
            _ when underlying is not null || !type.IsValueType => null,
            _ => throw new InvalidOperationException($"no other value for {type}"),
        };

        static Array Without(IList list, Type element)
        {
            var shorter = Array.CreateInstance(element, list.Count - 1);
            for (var i = 0; i < shorter.Length; i++)
            {
                shorter.SetValue(list[i], i);
            }

            return shorter;
        }
    }
}
