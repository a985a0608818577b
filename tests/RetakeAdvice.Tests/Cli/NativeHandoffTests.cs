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
    private readonly string temp = Directory.CreateTempSubdirectory("retake-handoff-").FullName;

    private string ResponseFile => Path.Combine(temp, "args.rsp");

    public void Dispose() => Directory.Delete(temp, recursive: true);

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
        File.WriteAllLines(ResponseFile, ["advise", "profile.json", "--rules", Rules]);

        var parsed = CliApp.Parse([$"@{ResponseFile}"]);

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
    public void The_host_the_tool_was_started_through_comes_first_then_as_a_launcher_looks_then_PATH()
    {
        var candidates = NativeHandoff.Candidates(
            Environment(new() { ["DOTNET_HOST_PATH"] = "/opt/sdk/dotnet", ["DOTNET_ROOT"] = "/home/me/.dotnet", ["PATH"] = "/bin:/usr/local/bin" }),
            _ => false,
            windows: false,
            macOS: false);

        Assert.Equal(
            ["/opt/sdk/dotnet", "/home/me/.dotnet/dotnet", "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/lib64/dotnet/dotnet", "/bin/dotnet", "/usr/local/bin/dotnet"],
            candidates);
    }

    [Fact]
    public void On_macOS_and_Windows_the_usual_folders_are_theirs()
    {
        Assert.Equal(["/usr/local/share/dotnet/dotnet"], NativeHandoff.Candidates(Environment(new()), _ => false, windows: false, macOS: true));
        Assert.Equal(
            [Path.Combine(@"C:\Program Files", "dotnet", "dotnet.exe"), Path.Combine(@"C:\tools", "dotnet.exe")],
            NativeHandoff.Candidates(Environment(new() { ["ProgramFiles"] = @"C:\Program Files", ["PATH"] = @"C:\tools" }), _ => false, windows: true, macOS: false));
    }

    [Fact]
    public void A_host_with_the_frameworks_can_run_the_managed_build()
    {
        var host = FakeInstall("new", ("Microsoft.NETCore.App", "10.0.12"), ("Microsoft.AspNetCore.App", "10.0.12"));

        Assert.True(NativeHandoff.CanRun(host, Needs));
    }

    [Theory]
    [InlineData("9.0.8", "10.0.12")]
    [InlineData("10.0.12", "9.0.8")]
    [InlineData("11.0.0", "11.0.0")]
    [InlineData("10.0.0-rc.2.25502.107", "8.0.1")]
    public void A_host_without_a_framework_of_the_same_major_version_cannot(string core, string aspNetCore)
    {
        var host = FakeInstall("old", ("Microsoft.NETCore.App", core), ("Microsoft.AspNetCore.App", aspNetCore));

        Assert.False(NativeHandoff.CanRun(host, Needs));
    }

    [Fact]
    public void A_host_without_ASP_NET_Core_cannot()
    {
        var host = FakeInstall("core-only", ("Microsoft.NETCore.App", "10.0.12"));

        Assert.False(NativeHandoff.CanRun(host, Needs));
    }

    [Fact]
    public void A_link_is_followed_to_its_install_and_a_dangling_link_cannot_run_anything()
    {
        var host = FakeInstall("linked", ("Microsoft.NETCore.App", "10.0.12"), ("Microsoft.AspNetCore.App", "10.0.12"));
        var links = Directory.CreateDirectory(Path.Combine(temp, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(links, "dotnet"), host);
        File.CreateSymbolicLink(Path.Combine(links, "gone"), Path.Combine(temp, "nowhere", "dotnet"));

        Assert.True(NativeHandoff.CanRun(Path.Combine(links, "dotnet"), Needs));
        Assert.False(NativeHandoff.CanRun(Path.Combine(links, "gone"), Needs));
        Assert.False(NativeHandoff.CanRun(Path.Combine(temp, "missing", "dotnet"), Needs));
    }

    [Fact]
    public void The_frameworks_are_read_from_the_managed_build_s_runtimeconfig()
    {
        var config = Path.Combine(temp, "retake-advice.runtimeconfig.json");
        File.WriteAllText(config, """{"runtimeOptions": {"tfm": "net10.0", "frameworks": [{"name": "Microsoft.NETCore.App", "version": "10.0.0"}, {"name": "Microsoft.AspNetCore.App", "version": "10.0.1"}]}}""");

        Assert.Equal([("Microsoft.NETCore.App", new Version(10, 0, 0)), ("Microsoft.AspNetCore.App", new Version(10, 0, 1))], NativeHandoff.Frameworks(config));
        Assert.Empty(NativeHandoff.Frameworks(Path.Combine(temp, "none.runtimeconfig.json")));
    }

    private static readonly List<(string Name, Version Version)> Needs = [("Microsoft.NETCore.App", new Version(10, 0, 0)), ("Microsoft.AspNetCore.App", new Version(10, 0, 0))];

    private static Func<string, string?> Environment(Dictionary<string, string> variables) => name => variables.GetValueOrDefault(name);

    /// <summary>A folder laid out as a .NET install: the host file and the given frameworks' version folders.</summary>
    private string FakeInstall(string name, params (string Framework, string Version)[] frameworks)
    {
        var root = Directory.CreateDirectory(Path.Combine(temp, name)).FullName;
        File.WriteAllText(Path.Combine(root, "dotnet"), string.Empty);
        foreach (var (framework, version) in frameworks)
        {
            Directory.CreateDirectory(Path.Combine(root, "shared", framework, version));
        }

        return Path.Combine(root, "dotnet");
    }
}
