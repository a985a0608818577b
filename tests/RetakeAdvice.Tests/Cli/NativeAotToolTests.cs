using System.Xml.Linq;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Cli;

/// <summary>
/// The tool's Native AOT package parses rule folders that are not precompiled, by name, after trimming: the types a rule
/// may name must be kept whole. The package smoke test runs the real build; this holds the list of kept types to the
/// sandbox's, so a type allowed later cannot be trimmed away from the tool unnoticed.
/// </summary>
public class NativeAotToolTests
{
    private static readonly string Descriptor = Path.Combine(RepoPaths.Root, "src", "RetakeAdvice.Cli", "RuleTypes.ILLink.xml");

    [Fact]
    public void The_trimmer_keeps_every_type_a_rule_may_name_in_its_own_assembly()
    {
        var kept = XDocument.Load(Descriptor).Root!.Elements("assembly")
            .SelectMany(assembly => assembly.Elements("type").Select(type => (Assembly: (string)assembly.Attribute("fullname")!, Type: (string)type.Attribute("fullname")!, Preserve: (string?)type.Attribute("preserve"))))
            .ToList();
        var nameable = ExpressionSandbox.NameableTypes.Select(t => (Assembly: t.Assembly.GetName().Name!, Type: t.FullName!)).ToList();

        Assert.All(kept, k => Assert.Equal("all", k.Preserve));
        Assert.Equal(
            nameable.OrderBy(t => t.Assembly, StringComparer.Ordinal).ThenBy(t => t.Type, StringComparer.Ordinal),
            kept.Select(k => (k.Assembly, k.Type)).OrderBy(t => t.Assembly, StringComparer.Ordinal).ThenBy(t => t.Type, StringComparer.Ordinal));
    }

    [Fact]
    public void The_tool_project_roots_the_parser_the_library_and_the_descriptor_for_its_native_build()
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "RetakeAdvice.Cli", "RetakeAdvice.Cli.csproj"));
        var aotItems = project.Root!.Elements("ItemGroup").Single(g => ((string?)g.Attribute("Condition"))?.Contains("PublishAot", StringComparison.Ordinal) == true);

        Assert.Equal(
            ["RetakeAdvice", "RulesEngine", "System.Linq.Dynamic.Core"],
            aotItems.Elements("TrimmerRootAssembly").Select(e => (string)e.Attribute("Include")!).Order(StringComparer.Ordinal));
        Assert.Equal("RuleTypes.ILLink.xml", (string?)aotItems.Element("TrimmerRootDescriptor")?.Attribute("Include"));
    }
}
