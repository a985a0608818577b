using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Loading;

/// <summary>Rule authors get line and column: of the offending character inside an expression, else of the key.</summary>
public sealed class ErrorPositionTests
{
    private const string Workflow = """
        {
          "WorkflowName": "w",
          "Rules": [
            {
              "RuleName": "r",
              "Expression": "facts.Distres > 1",
              "Properties": {
                "step": 9,
                "category": "c", "indicator": "info", "priority": 1,
                "summary": "Hello {facts.Nope}"
              }
            }
          ]
        }
        """;

    [Fact]
    public void Load_ErrorsInARule_PointAtLineAndColumn()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("zz-new.json", Workflow);

        var error = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)));

        var positions = error.Errors.ToDictionary(e => e.Path!, e => (e.Line, e.Column));
        Assert.Equal((6, 28), positions["$.Rules[0].Expression"]);          // the D of Distres
        Assert.Equal((8, 9), positions["$.Rules[0].Properties.step"]);      // the key "step"
        Assert.Equal((10, 34), positions["$.Rules[0].Properties.summary"]); // the N of Nope, inside {facts.Nope}
    }

    [Fact]
    public void Positions_MissingKey_TakesItsParentsPosition()
    {
        var positions = JsonPositions.Index("{\n  \"a\": {\n    \"b\": [ 1, { \"c\": \"x\" } ]\n  }\n}"u8.ToArray());

        Assert.Equal((2, 3), positions.Find("$.a"));
        Assert.Equal((3, 5), positions.Find("$.A.B"));
        Assert.Equal((3, 15), positions.Find("$.a.b[1]"));
        Assert.Equal((3, 17), positions.Find("$.a.b[1].c"));
        Assert.Equal((3, 15), positions.Find("$.a.b[1].missing"));
        Assert.Equal((3, 23), positions.FindInValue("$.a.b[1].c", 0));
    }

    [Fact]
    public void Load_ManifestProblem_PointsAtTheKey()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["attemptLimit"] = 0);
        var line = folder.Read("ruleset.json").Split('\n').ToList().FindIndex(l => l.Contains("\"attemptLimit\"", StringComparison.Ordinal)) + 1;

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal(("$.attemptLimit", line, 3), (error.Path, error.Line, error.Column));
    }
}
