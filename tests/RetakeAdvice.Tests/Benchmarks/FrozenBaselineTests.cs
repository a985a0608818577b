using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Tests.Benchmarks;

/// <summary>
/// The hand-written baseline is held to the library on the frozen copy of the rules (see
/// <see cref="FrozenBaseline"/>), so a change to <c>rules/</c> or <c>samples/</c> that is not frozen again would
/// leave the baseline checked against rules that no longer ship. These tests make such a change fail
/// <c>dotnet test</c> at once, with what to do about it, rather than only when the benchmarks are next run.
/// </summary>
public sealed class FrozenBaselineTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "retake-frozen-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void RulesAndSamples_AreTheFrozenCopy()
    {
        var differences = FrozenBaseline.Differences();

        Assert.True(
            differences.Count == 0,
            $"rules/ or samples/ differ from the frozen copy the hand-written baseline was written against: {string.Join(", ", differences)}. "
            + "The baseline must do exactly what the rules do. " + FrozenBaseline.UpdateAdvice);
    }

    [Fact]
    public void Differences_NameEveryChangedNewAndGoneFile_InTheCopiedFoldersOnly()
    {
        var root = Path.Combine(_temp, "repo");
        var frozen = Path.Combine(_temp, "frozen");
        foreach (var at in new[] { root, frozen })
        {
            Write(at, "rules/ruleset.json", "{}");
            Write(at, "rules/planning.json", "{ \"WorkflowName\": \"planning\" }");
            Write(at, "rules/tests/planning.json", "{ \"cases\": [] }");
            Write(at, "rules/schemas/workflow.schema.json", "{}");
            Write(at, "rules/README.md", "# rules");
            Write(at, "samples/near-miss.json", "{}");
        }

        Assert.Empty(FrozenBaseline.Differences(root, frozen));

        Write(root, "rules/planning.json", "{ \"WorkflowName\": \"planning\" }\n"); // one byte more
        Write(root, "samples/crisis.json", "{}");
        File.Delete(Path.Combine(root, "rules/tests/planning.json"));
        Write(root, "rules/schemas/workflow.schema.json", "{ \"changed\": true }"); // not read by the library, not frozen
        Write(root, "rules/README.md", "# changed");

        Assert.Equal(
            ["rules/planning.json (changed)", "rules/tests/planning.json (frozen but gone)", "samples/crisis.json (not frozen)"],
            FrozenBaseline.Differences(root, frozen));
    }

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
