using System.Text;
using System.Text.Json.Nodes;

namespace RetakeAdvice.Tests.Hosting;

/// <summary>
/// Batch advice: NDJSON in, one answer per line out, in the input's order, each report equal to the single call's,
/// every invalid line answered with its line number and problems, in memory that does not grow with the batch.
/// </summary>
public sealed class BatchTests
{
    private static readonly string[] Samples =
        [.. Directory.EnumerateFiles(RepoPaths.Samples, "*.json").Order(StringComparer.Ordinal).Select(path => JsonNode.Parse(File.ReadAllText(path))!.ToJsonString())];

    /// <summary>1,000 lines: the samples in turn, with invalid lines of every kind among them.</summary>
    internal static string[] MixedLines(int count = 1000) =>
        [.. Enumerable.Range(1, count).Select(n => n switch
        {
            _ when n % 97 == 0 => "",
            _ when n % 89 == 0 => "{ not json",
            _ when n % 83 == 0 => """{"failedAttempts": [], "nickname": "x"}""",
            _ when n % 79 == 0 => """{"failedAttempts": [{"date": "2026-10-01", "pointsBelowPassing": 5}], "wellbeing": {"distress": 11}}""",
            _ => Samples[n % Samples.Length],
        })];

    private static async Task<(string[] Answers, AdviceBatchSummary Summary)> RunAsync(string input, AdviceBatchOptions? options = null, RetakeAdvisor? advisor = null)
    {
        using var output = new MemoryStream();
        var summary = await (advisor ?? Shipped.Advisor).AdviseBatchAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), output, options);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return (text[..^1].Split('\n'), summary);
    }

    /// <summary>What the single call gives for a line: the report, or the problems keyed by path.</summary>
    internal static string SingleAnswer(string line, int number)
    {
        try
        {
            return Reports.Compact(Shipped.Advisor.Advise(RetakeAdviceJson.ReadProfile(line)));
        }
        catch (ProfileValidationException ex)
        {
            var errors = new JsonObject();
            foreach (var path in ex.Errors.GroupBy(e => e.Path, StringComparer.Ordinal))
            {
                errors[path.Key] = new JsonArray([.. path.Select(e => JsonValue.Create(e.Message))]);
            }

            return new JsonObject { ["line"] = number, ["errors"] = errors }.ToJsonString();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task ThousandLines_EveryAnswerInOrder_EqualsTheSingleCall(int parallelism)
    {
        var lines = MixedLines();

        var (answers, summary) = await RunAsync(string.Join('\n', lines) + "\n", new AdviceBatchOptions { MaxDegreeOfParallelism = parallelism });

        Assert.Equal(lines.Length, answers.Length);
        var differ = Enumerable.Range(0, lines.Length).Where(i => !JsonNode.DeepEquals(JsonNode.Parse(SingleAnswer(lines[i], i + 1)), JsonNode.Parse(answers[i]))).ToArray();
        Assert.Empty(differ);
        // Reports byte for byte as POST /v1/advice answers them.
        Assert.Equal(Reports.Compact(Shipped.Advisor.Advise(RetakeAdviceJson.ReadProfile(lines[0]))), answers[0]);
        var invalid = Enumerable.Range(1, 1000).Count(n => n % 97 == 0 || n % 89 == 0 || n % 83 == 0 || n % 79 == 0);
        Assert.Equal(45, invalid);
        Assert.Equal((1000, 1000 - invalid, invalid, 0, false), (summary.Lines, summary.Advised, summary.Invalid, summary.RuleErrors, summary.LimitReached));
        Assert.Equal([79, 83, 89, 97, 158], summary.FirstUnadvisedLines.Take(5));
    }

    [Fact]
    public async Task SlowFirstLine_LaterLinesWaitForIt_OrderKept()
    {
        var big = JsonNode.Parse(Samples[0])!.AsObject();
        big["topics"] = new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => new JsonObject { ["name"] = $"topic {i}", ["seen"] = 10, ["incorrect"] = i % 10 })]);
        string[] lines = [big.ToJsonString(), .. Enumerable.Repeat(Samples[1], 40)];

        var (answers, _) = await RunAsync(string.Join('\n', lines), new AdviceBatchOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(lines.Length, answers.Length);
        Assert.Equal(SingleAnswer(lines[0], 1), answers[0]);
        Assert.All(answers[1..], answer => Assert.Equal(SingleAnswer(Samples[1], 2), answer));
        // The first answer is the big profile's own (its focus cards name generated topics), not a neighbour's.
        Assert.Contains("topic ", answers[0], StringComparison.Ordinal);
        Assert.NotEqual(SingleAnswer(Samples[1], 1), answers[0]);
    }

    [Fact]
    public async Task CrLfAndNoFinalNewline_ReadAlike()
    {
        var (answers, summary) = await RunAsync(Samples[0] + "\r\n" + Samples[1]);

        Assert.Equal([SingleAnswer(Samples[0], 1), SingleAnswer(Samples[1], 2)], answers);
        Assert.Equal(2, summary.Advised);
    }

    [Fact]
    public async Task PastMaxProfiles_OneErrorLineThenNothingIsRead()
    {
        var (answers, summary) = await RunAsync(string.Join('\n', Enumerable.Repeat(Samples[0], 8)), new AdviceBatchOptions { MaxProfiles = 5 });

        Assert.Equal(6, answers.Length);
        Assert.All(answers[..5], answer => Assert.Equal(SingleAnswer(Samples[0], 1), answer));
        Assert.Equal(
            """{"line":6,"errors":{"$":["a batch holds at most 5 profiles; this line and the ones after it were not read: send them in another batch"]}}""",
            answers[5]);
        Assert.True(summary.LimitReached);
        Assert.Equal((6, 5, 1), (summary.Lines, summary.Advised, summary.Invalid));
    }

    [Fact]
    public async Task LineOverTheProfileLimit_AnsweredAsTooLarge_NextLineStillAdvised()
    {
        var huge = new string(' ', RetakeAdviceJson.MaxProfileBytes + 100) + "{}";

        var (answers, summary) = await RunAsync(huge + "\n" + Samples[0] + "\n");

        Assert.Equal(2, answers.Length);
        Assert.Equal(
            $$$"""{"line":1,"errors":{"$":["the profile is over {{{RetakeAdviceJson.MaxProfileBytes}}} bytes; at most {{{RetakeAdviceJson.MaxProfileBytes}}} are allowed"]}}""",
            answers[0]);
        Assert.Equal(SingleAnswer(Samples[0], 2), answers[1]);
        Assert.Equal((1, 1), (summary.Advised, summary.Invalid));
    }

    [Theory]
    [InlineData(100)] // the line's end comes with the read that crosses the limit
    [InlineData(300_000)] // the limit is crossed with no end in sight: answered at once, the rest dropped as it comes
    public async Task LineOverTheProfileLimit_EitherWay_SameAnswer(int over)
    {
        var huge = new string(' ', RetakeAdviceJson.MaxProfileBytes + over) + "{}";

        var (answers, _) = await RunAsync(huge + "\n" + Samples[0] + "\n");

        Assert.StartsWith("""{"line":1,"errors":{"$":["the profile is over""", answers[0], StringComparison.Ordinal);
        Assert.Equal(SingleAnswer(Samples[0], 2), answers[1]);
    }

    [Fact]
    public async Task AsOf_AppliesToEveryLine()
    {
        var day = new DateOnly(2026, 12, 1);

        const string Line = """{"asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}]}""";

        var (answers, summary) = await RunAsync(Line + "\n" + Line + "\n", new AdviceBatchOptions { AsOf = day });

        Assert.Equal(2, summary.Advised);
        Assert.All(answers, answer => Assert.Equal("2026-12-01", (string?)JsonNode.Parse(answer)!["asOf"]));
    }

    [Fact]
    public async Task RuleThatThrows_AnsweredOnItsLine_NamingTheRule()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.LatestPracticeExam.Score > 1");
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        const string NoPracticeExams = """{"asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}]}""";

        var (answers, summary) = await RunAsync(NoPracticeExams + "\n", advisor: advisor);

        var answer = JsonNode.Parse(Assert.Single(answers))!;
        Assert.Equal(1, (int)answer["line"]!);
        Assert.Equal("school.contact-now", (string?)answer["ruleError"]!["rule"]);
        Assert.Contains("school.contact-now", (string?)answer["ruleError"]!["message"], StringComparison.Ordinal);
        Assert.Equal(["school.contact-now"], summary.FailedRules);
        Assert.Equal(1, summary.RuleErrors);
    }

    [Fact]
    public async Task OutputThatDoesNotDrain_ReadingStops_MemoryStaysFlat()
    {
        // An endless input and an output that takes nothing: a batch that read ahead without bound would read on.
        using var input = new EndlessLines(Encoding.UTF8.GetBytes(Samples[0] + "\n"));
        using var output = new StalledStream();
        using var stop = new CancellationTokenSource();
        var batch = Shipped.Advisor.AdviseBatchAsync(input, output, new AdviceBatchOptions { MaxDegreeOfParallelism = 2 }, stop.Token);

        // Wait until reading has started, reached the output, and stopped growing (or clearly does not stop). On a busy
        // machine the batch may not have started after the first pause: an unchanged count of 0 is not a stop.
        long last = -1;
        for (var i = 0; i < 200 && (input.BytesRead == 0 || output.Writes == 0 || input.BytesRead != last); i++)
        {
            last = input.BytesRead;
            await Task.Delay(100);
        }

        var lineBytes = Samples[0].Length + 1;
        Assert.True(output.Writes >= 1); // the answers reached the output, which holds them
        Assert.InRange(input.BytesRead, 1, 512 * 1024 + (64 * lineBytes)); // a few buffers and held lines, not the stream
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch);
    }

    [Fact]
    public async Task BadOptions_Refused()
    {
        using var empty = new MemoryStream();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Shipped.Advisor.AdviseBatchAsync(empty, empty, new AdviceBatchOptions { MaxDegreeOfParallelism = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Shipped.Advisor.AdviseBatchAsync(empty, empty, new AdviceBatchOptions { MaxProfiles = 0 }));
    }

    private sealed class EndlessLines(byte[] line) : Stream
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var at = (int)(BytesRead % line.Length);
            var count = Math.Min(buffer.Length, line.Length - at);
            line.AsSpan(at, count).CopyTo(buffer);
            Interlocked.Add(ref _read, count);
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A client that stopped reading: every write waits until the batch is cancelled.</summary>
    private sealed class StalledStream : Stream
    {
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
