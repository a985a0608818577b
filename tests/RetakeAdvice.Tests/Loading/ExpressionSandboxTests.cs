using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Loading;

public sealed class ExpressionSandboxTests
{
    public static TheoryData<string> Hostile() => new()
    {
        "\"\".GetType().Assembly != null",
        "facts.GetType().Assembly.Location != \"\"",
        "profile.GetType().Assembly.DefinedTypes.Any(t => t.Name == \"x\")",
        "facts.Topics.GetType().Name == \"x\"",
        "facts.AsOf.GetType() != null",
        "System.IO.File.Exists(\"/etc/passwd\")",
        "Environment.GetEnvironmentVariable(\"HOME\") != null",
        "Type.GetType(\"System.IO.File\") != null",
        "Enumerable.Range(0, 200000000).Count() > 0",
        "Enumerable.Repeat(1, 20000000).ToList().Count > 0",
        "facts.Topics.Any(t => facts.Topics.Any(u => u.Name == t.Name))",
        "facts.Topics.SelectMany(t => profile.Topics).Count() > 0",
        "facts.Topics.Where(t => profile.Mentors.Count() > 0).Any()",
        "\"a\".PadLeft(2000000000) != \"\"",
        "new string('a', 100) != \"\"",
        "DateTime.Now.Year > 2000",
        "Guid.NewGuid() != Guid.Empty",
        "new Random().Next() > 0",
        "Convert.ChangeType(1, typeof(string)) != null",
        "Activator.CreateInstance(\"x\", \"y\") != null",
        "AppDomain.CurrentDomain.GetAssemblies().Length > 0",
        "facts.AttemptLimit.ToString(\"D999999999\") != \"\"",
        "facts.AttemptLimit.ToString(\"F101\") != \"\"",
        "string.Format(\"{0,999999}\", facts.AttemptLimit) != \"\"",
        "string.Format(\"{0,-101}\", facts.AttemptLimit) != \"\"",
        "string.Format(\"{0:D5000}\", facts.AttemptLimit) != \"\"",
        "facts.AttemptLimit.ToString(facts.TargetSpecialty) != \"\"",
        "string.Format(facts.TargetSpecialty, 1) != \"\"",
    };

    /// <summary>Every family refused because its result depends on the clock, the time zone or the process.</summary>
    public static TheoryData<string> Nondeterministic() => new()
    {
        "DateTime.Parse(\"00:00\").Year > 2000",
        "DateTime.MinValue.ToShortTimeString() != \"\"",
        "DateTime.ParseExact(\"00:00\", \"HH:mm\", null).Year > 2000",
        "Convert.ToDateTime(\"00:00\").Year > 2000",
        "DateTime.MinValue.AddDays(1).ToLocalTime().Hour > 0",
        "DateTime.MinValue.AddDays(1).ToUniversalTime().Hour > 0",
        "DateTime.MinValue.AddDays(1).ToShortDateString() != \"\"",
        "DateTime.FromFileTime(0).Year > 0",
        "TimeSpan.Parse(\"1:00\").Hours > 0",
        "\"abc\".GetHashCode() > 0",
        "facts.AsOf.GetHashCode() > 0",
        "facts.GetHashCode() > 0",
    };

    [Theory]
    [MemberData(nameof(Nondeterministic))]
    public void Compile_ClockZoneOrProcessDependent_IsRefusedSayingWhy(string expression)
    {
        var compiler = new ExpressionCompiler();

        var ex = Assert.ThrowsAny<ExpressionCompileException>(() => compiler.Compile<bool>(expression, ExpressionScope.Root));

        Assert.Contains("is not allowed: its result depends on the clock, the time zone or the process", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DateOnly.ParseExact(\"2022-01-26\", \"yyyy-MM-dd\") < facts.AsOf")]
    [InlineData("facts.AsOf.DayNumber > 0")]
    [InlineData("DateOnly.FromDayNumber(738180) < facts.AsOf")]
    public void Compile_DatesThatDependOnNothingButTheText_Load(string expression)
    {
        var compiled = new ExpressionCompiler().Compile<bool>(expression, ExpressionScope.Root);

        Assert.NotNull(compiled);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Compile_HostileExpression_IsRefused(string expression)
    {
        var compiler = new ExpressionCompiler();

        Assert.Throws<ExpressionCompileException>(() => compiler.Compile<bool>(expression, ExpressionScope.Root));
    }

    [Theory]
    [InlineData("facts.TargetSpecialty == \"File\"")]
    [InlineData("\"Assembly\" != \"Range\"")]
    [InlineData("profile.TargetSpecialty != \"System.IO.File.Delete(x)\"")]
    [InlineData("facts.Topics != null && facts.Topics.Where(t => t.Seen > 2).Select(t => t.Name).Any(n => n.StartsWith(\"Range\"))")]
    [InlineData("facts.Mentors != null && facts.Mentors.Any(m => m.Step1Score >= 240 || m.Step2Score >= 250)")]
    [InlineData("facts.PlannedResources != null && facts.PlannedResources.Any(r => r.Name.ToLower().Contains(\"getType\"))")]
    [InlineData("Math.Round(facts.PointsBelowPassing.Value) > 3 && facts.AsOf > DateOnly.MinValue")]
    [InlineData("string.Join(\", \", facts.CoreResources.ToArray()).Length > 0")]
    [InlineData("facts.AttemptLimit.ToString(\"D3\") != \"\" && facts.AsOf.ToString(\"yyyy-MM-dd\") != \"\"")]
    [InlineData("string.Format(\"{0,5} {{literal}} {1:F2}\", facts.AttemptLimit, 2.5) != \"\"")]
    public void Compile_HarmlessLookAlike_Loads(string expression)
    {
        var compiler = new ExpressionCompiler();

        var compiled = compiler.Compile<bool>(expression, ExpressionScope.Root);

        Assert.NotNull(compiled);
    }

    [Fact]
    public void Compile_TooLongExpression_IsRefusedWithItsLength()
    {
        var compiler = new ExpressionCompiler();
        var expression = "facts.Distress > 1" + string.Concat(Enumerable.Repeat(" && facts.Distress > 1", 100));

        var error = Assert.Throws<ExpressionCompileException>(() => compiler.Compile<bool>(expression, ExpressionScope.Root));

        Assert.Contains($"{expression.Length} characters long; at most {ExpressionSandbox.MaxLength}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HostileRule_FailsTheWholeFolderNamingFileAndRule()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression("wellbeing.counseling", "facts.Distress >= counselingDistress && \"\".GetType().Assembly.Location != \"\"");

        var error = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("wellbeing.json", problem.File);
        Assert.Equal("wellbeing.counseling", problem.Rule);
        Assert.Equal("$.Rules[1].Expression", problem.Path);
        Assert.StartsWith("refused by the expression sandbox: ", problem.Message, StringComparison.Ordinal);
        Assert.Equal("refused by the expression sandbox: Assembly.Location is not allowed", problem.Message);
    }

    [Fact]
    public void Load_HostileTemplatePlaceholder_IsRefused()
    {
        var compiler = new ExpressionCompiler();

        var error = Assert.Throws<ExpressionCompileException>(() => TemplateCompiler.Compile(compiler, "path: {facts.GetType().Assembly.Location}", ExpressionScope.Root));

        Assert.Contains("sandbox", error.Message, StringComparison.Ordinal);
    }
}
