using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetakeAdvice.Tests.TestSupport;

/// <summary>A private copy of the shipped <c>rules/</c> folder, deleted on dispose, for tests that break or change rules.</summary>
internal sealed class TempRuleFolder : IDisposable
{
    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true };

    private TempRuleFolder(string path)
    {
        Path = path;
    }

    /// <summary>The folder: <c>ruleset.json</c>, the workflow files and <c>tests/</c>.</summary>
    public string Path { get; }

    /// <summary>Copies the shipped rules (tests included) into a fresh temporary folder.</summary>
    public static TempRuleFolder CopyOfShippedRules()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "retake-rules-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(RepoPaths.Rules, path);
        return new TempRuleFolder(path);
    }

    /// <summary>
    /// Cuts the copy down to the manifest, these workflow files and their test files (tests/NAME): a small rule set
    /// for tests that load it many times.
    /// </summary>
    public TempRuleFolder KeepOnly(params string[] workflows)
    {
        foreach (var file in Directory.GetFiles(Path, "*.json").Concat(Directory.GetFiles(System.IO.Path.Combine(Path, "tests"), "*.json")))
        {
            var name = System.IO.Path.GetFileName(file);
            if (name != "ruleset.json" && !workflows.Contains(name))
            {
                File.Delete(file);
            }
        }

        return this;
    }

    public string FilePath(string relative) => System.IO.Path.Combine(Path, relative);

    public string Read(string relative) => File.ReadAllText(FilePath(relative));

    public void Write(string relative, string content) => File.WriteAllText(FilePath(relative), content);

    public void Delete(string relative) => File.Delete(FilePath(relative));

    /// <summary>Replaces one exact piece of text in a file; fails the test if the text is not there exactly once.</summary>
    /// <summary>
    /// Removes the folder's JSON rule tests: for tests of reloading itself, whose edits (a rule switched off) the
    /// shipped tests would catch, and a reload runs them.
    /// </summary>
    public void DeleteRuleTests() => Directory.Delete(System.IO.Path.Combine(Path, "tests"), recursive: true);

    public void Replace(string relative, string oldText, string newText)
    {
        var content = Read(relative);
        var first = content.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{oldText}' not found in {relative}");
        Assert.True(content.IndexOf(oldText, first + 1, StringComparison.Ordinal) < 0, $"'{oldText}' found more than once in {relative}");
        Write(relative, content[..first] + newText + content[(first + oldText.Length)..]);
    }

    /// <summary>Edits a file as a JSON tree and writes it back indented.</summary>
    public void EditJson(string relative, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Read(relative))!.AsObject();
        edit(root);
        Write(relative, root.ToJsonString(IndentedOptions));
    }

    /// <summary>Sets the <c>Expression</c> of the rule with this name, in whichever workflow file holds it.</summary>
    public void SetRuleExpression(string ruleId, string expression)
    {
        foreach (var file in Directory.EnumerateFiles(Path, "*.json"))
        {
            var relative = System.IO.Path.GetFileName(file);
            var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var rule = (root["Rules"] as JsonArray)?.FirstOrDefault(r => (string?)r!["RuleName"] == ruleId);
            if (rule is not null)
            {
                rule["Expression"] = expression;
                Write(relative, root.ToJsonString(IndentedOptions));
                return;
            }
        }

        Assert.Fail($"rule {ruleId} not found in {Path}");
    }

    /// <summary>Edits the first rule (<c>$.Rules[0]</c>) of a workflow file.</summary>
    public void EditFirstRule(string relative, Action<JsonObject> edit) =>
        EditJson(relative, root => edit(root["Rules"]![0]!.AsObject()));

    /// <summary>Edits the card (<c>$.Rules[0].Properties</c>) of a workflow file's first rule.</summary>
    public void EditFirstCard(string relative, Action<JsonObject> edit) =>
        EditFirstRule(relative, rule => edit(rule["Properties"]!.AsObject()));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, System.IO.Path.Combine(to, System.IO.Path.GetFileName(directory)));
        }
    }
}
