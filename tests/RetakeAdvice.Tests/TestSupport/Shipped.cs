using RetakeAdvice.Model;

namespace RetakeAdvice.Tests.TestSupport;

/// <summary>The shipped rule folder, loaded once and shared (the advisor is immutable and thread-safe).</summary>
internal static class Shipped
{
    private static readonly Lazy<RetakeAdvisor> LazyAdvisor = new(() => RetakeAdvisor.Create(RuleSource.FromDirectory(RepoPaths.Rules)));

    public static RetakeAdvisor Advisor => LazyAdvisor.Value;

    public static Manifest Manifest => Advisor.Rules.Manifest;
}
