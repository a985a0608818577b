using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Cli;

/// <summary>
/// The tool's Native AOT build runs only the embedded (precompiled) rule set and hands every command that parses a rule
/// folder to the managed build beside it. What is handed over is decided from the parsed command line; the hand-over
/// itself (execv) is run by the package smoke test on the installed native tool, never in this process.
/// </summary>
public sealed class NativeHandoffTests : IDisposable
{
    private static readonly string Rules = RepoPaths.Rules;
    private static readonly string Sample = Profiles.SamplePath("near-miss.json");
    private readonly string responseFile = Path.Combine(Path.GetTempPath(), $"retake-handoff-{Guid.NewGuid():N}.rsp");

    public void Dispose() => File.Delete(responseFile);

    public static TheoryData<string[]> NativeCommands => new()
    {
        new[] { "--help" },
        new[] { "--version" },
        new[] { "advise", "profile.json" },
        new[] { "advise", "-", "--format", "text", "--as-of", "2026-11-27" },
        new[] { "advise", "--batch", "-" },
        new[] { "explain", "profile.json", "--format", "json" },
        new[] { "serve" },
        new[] { "serve", "--urls", "http://127.0.0.1:0", "--max-connections", "5" },
        new[] { "validate" },
        new[] { "advise", "--help" },
        new[] { "test", "--help" },
        new[] { "compile", "-h" },
        new[] { "diff", "--help" },
    };

    public static TheoryData<string[]> HandedOver => new()
    {
        new[] { "advise", "profile.json", "--rules", Rules },
        new[] { "advise", "profile.json", $"--rules={Rules}" },
        new[] { "advise", "--batch", "-", "--rules", Rules },
        new[] { "explain", "profile.json", "--rules", Rules },
        new[] { "serve", "--rules", Rules, "--watch" },
        new[] { "serve", "--urls", "http://127.0.0.1:0", "--rules", Rules },
        new[] { "validate", Rules },
        new[] { "test" },
        new[] { "test", Rules, "--mutate" },
        new[] { "diff", Rules, Rules, Path.GetDirectoryName(Sample)! },
        new[] { "compile", Rules, "--class", "MyRules" },
    };

    [Theory]
    [MemberData(nameof(NativeCommands))]
    public void Commands_on_the_embedded_rule_set_and_help_run_natively(string[] args)
    {
        var parsed = CliApp.Parse(args);

        Assert.Empty(parsed.Errors);
        Assert.False(NativeHandoff.ParsesAFolder(parsed));
    }

    [Theory]
    [MemberData(nameof(HandedOver))]
    public void Commands_that_parse_a_folder_are_handed_to_the_managed_build(string[] args)
    {
        var parsed = CliApp.Parse(args);

        Assert.Empty(parsed.Errors);
        Assert.True(NativeHandoff.ParsesAFolder(parsed));
    }

    [Fact]
    public void A_folder_named_in_a_response_file_is_seen()
    {
        File.WriteAllLines(responseFile, ["advise", "profile.json", "--rules", Rules]);

        var parsed = CliApp.Parse([$"@{responseFile}"]);

        Assert.Empty(parsed.Errors);
        Assert.True(NativeHandoff.ParsesAFolder(parsed));
    }

    [Fact]
    public void This_process_compiles_expressions_so_nothing_is_handed_over()
    {
        Assert.False(NativeHandoff.IsNative);
    }

    [Fact]
    public void Without_the_managed_build_beside_it_the_command_is_refused_naming_what_is_missing()
    {
        using var error = new StringWriter();

        var code = NativeHandoff.Run(["validate", Rules], error);

        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(NativeHandoff.ManagedFolder, "retake-advice.dll"), error.ToString(), StringComparison.Ordinal);
        Assert.Contains("runs only the embedded rule set", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_the_tool_was_started_through_comes_first()
    {
        var host = FindHost(
            new() { ["DOTNET_HOST_PATH"] = "/opt/sdk/dotnet", ["DOTNET_ROOT"] = "/other", ["PATH"] = "/usr/bin" },
            "/opt/sdk/dotnet", "/other/dotnet", "/usr/bin/dotnet");

        Assert.Equal("/opt/sdk/dotnet", host);
    }

    [Fact]
    public void A_host_path_that_does_not_exist_is_passed_over_for_DOTNET_ROOT()
    {
        var host = FindHost(
            new() { ["DOTNET_HOST_PATH"] = "/gone/dotnet", ["DOTNET_ROOT"] = "/home/me/.dotnet", ["PATH"] = "/usr/bin" },
            "/home/me/.dotnet/dotnet", "/usr/bin/dotnet");

        Assert.Equal("/home/me/.dotnet/dotnet", host);
    }

    [Fact]
    public void PATH_is_searched_in_order_before_the_usual_folders()
    {
        var host = FindHost(
            new() { ["PATH"] = "/bin:/home/me/.dotnet:/usr/local/bin" },
            "/home/me/.dotnet/dotnet", "/usr/local/bin/dotnet", "/usr/share/dotnet/dotnet");

        Assert.Equal("/home/me/.dotnet/dotnet", host);
    }

    [Fact]
    public void The_usual_install_folder_serves_when_nothing_names_one()
    {
        Assert.Equal("/usr/lib/dotnet/dotnet", FindHost(new(), "/usr/lib/dotnet/dotnet"));
        Assert.Equal("/usr/local/share/dotnet/dotnet", FindHost(new(), macOS: true, "/usr/local/share/dotnet/dotnet", "/usr/share/dotnet/dotnet"));
    }

    [Fact]
    public void No_host_anywhere_is_null()
    {
        Assert.Null(FindHost(new() { ["PATH"] = "/bin:/usr/bin", ["DOTNET_ROOT"] = "/nowhere" }));
    }

    [Fact]
    public void On_Windows_the_host_is_dotnet_exe()
    {
        var host = NativeHandoff.FindHost(
            name => name == "ProgramFiles" ? @"C:\Program Files" : null,
            path => path == Path.Combine(@"C:\Program Files", "dotnet", "dotnet.exe"),
            windows: true,
            macOS: false);

        Assert.Equal(Path.Combine(@"C:\Program Files", "dotnet", "dotnet.exe"), host);
    }

    private static string? FindHost(Dictionary<string, string> environment, params string[] existing) =>
        FindHost(environment, macOS: false, existing);

    private static string? FindHost(Dictionary<string, string> environment, bool macOS, params string[] existing) =>
        NativeHandoff.FindHost(name => environment.GetValueOrDefault(name), existing.Contains, windows: false, macOS);
}
