using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading.Channels;
using RetakeAdvice.Model;

namespace RetakeAdvice.Batch;

/// <summary>
/// Advice for NDJSON, streamed: one reader splits lines (bounded, each line at most a profile's size), workers advise
/// them in parallel, and one writer answers them in the input's order as soon as the oldest is done. At most four
/// lines per worker are held at once, so memory stays flat whatever the batch's length.
/// </summary>
internal static class AdviceBatch
{
    private const int ListedUnadvisedLines = 16;
    private const int FlushEveryBytes = 64 * 1024;

    public static async Task<AdviceBatchSummary> RunAsync(RetakeAdvisor advisor, CompiledRuleSet rules, Stream input, Stream output, AdviceBatchOptions options, CancellationToken cancellationToken)
    {
        var held = options.MaxDegreeOfParallelism * 4;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Channel.CreateBounded<Line>(new BoundedChannelOptions(held) { SingleWriter = true });
        var order = Channel.CreateBounded<Line>(new BoundedChannelOptions(held) { SingleWriter = true, SingleReader = true });
        var reading = Task.Run(() => ReadAsync(input, options.MaxProfiles, work.Writer, order.Writer, stop.Token), CancellationToken.None);
        var workers = Enumerable.Range(0, options.MaxDegreeOfParallelism)
            .Select(_ => Task.Run(() => WorkAsync(advisor, rules, options.AsOf, work.Reader, stop.Token), CancellationToken.None))
            .ToArray();
        try
        {
            return await WriteAsync(order.Reader, output, stop.Token).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            // The reader and the workers end on their own (input done) or on the cancellation above; their
            // failures reach the writer through the channels and the lines.
            await Task.WhenAll([reading, .. workers]).ConfigureAwait(false);
        }
    }

    /// <summary>A line of the batch, from its reading to its answer.</summary>
    private sealed class Line
    {
        public required int Number { get; init; }

        /// <summary>The line's bytes, from the pool; null when the line was refused before reading.</summary>
        public byte[]? Profile { get; init; }

        public int Length { get; init; }

        /// <summary>Why the line was refused before reading (empty, too large, past the limit).</summary>
        public string? Refused { get; init; }

        public bool PastTheLimit { get; init; }

        public PooledBufferWriter? Answer { get; set; }

        public Outcome Outcome { get; set; }

        public string? FailedRule { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private enum Outcome
    {
        Advised,
        Invalid,
        RuleError,
    }

    private static async Task ReadAsync(Stream input, int maxProfiles, ChannelWriter<Line> work, ChannelWriter<Line> order, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        var pipe = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        try
        {
            var number = 0;
            var skipping = false; // the rest of a line already answered as too large
            long scanned = 0; // bytes of the current line already searched for its end
            while (true)
            {
                var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (buffer.Slice(scanned).PositionOf((byte)'\n') is { } end)
                {
                    var content = buffer.Slice(0, end);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    scanned = 0;
                    if (skipping)
                    {
                        skipping = false;
                        continue;
                    }

                    if (!await SendAsync(Take(++number, content, maxProfiles), work, order, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                scanned = buffer.Length;
                if (!skipping && buffer.Length > RetakeAdviceJson.MaxProfileBytes)
                {
                    // Over the limit with no end in sight: answered now; the rest of the line is dropped as it comes.
                    var refused = ++number > maxProfiles
                        ? PastTheLimit(number, maxProfiles)
                        : TooLarge(number);
                    if (!await SendAsync(refused, work, order, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    skipping = true;
                }

                if (skipping)
                {
                    buffer = buffer.Slice(buffer.End);
                    scanned = 0;
                }

                if (result.IsCompleted)
                {
                    if (!skipping && buffer.Length > 0)
                    {
                        await SendAsync(Take(++number, buffer, maxProfiles), work, order, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
            work.TryComplete(failure);
            order.TryComplete(failure);
        }
    }

    /// <summary>Queues a line to be answered in order; false after the line past the limit, when reading stops.</summary>
    private static async Task<bool> SendAsync(Line line, ChannelWriter<Line> work, ChannelWriter<Line> order, CancellationToken cancellationToken)
    {
        // Into the order first: the writer waits for lines in the order they were read.
        await order.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await work.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        return !line.PastTheLimit;
    }

    private static Line Take(int number, ReadOnlySequence<byte> content, int maxProfiles)
    {
        if (number > maxProfiles)
        {
            return PastTheLimit(number, maxProfiles);
        }

        if (content.Length > 0 && content.Slice(content.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            content = content.Slice(0, content.Length - 1);
        }

        if (content.Length > RetakeAdviceJson.MaxProfileBytes)
        {
            return TooLarge(number);
        }

        // An empty line is read as the single call reads an empty profile, and answered alike.
        var bytes = ArrayPool<byte>.Shared.Rent((int)content.Length);
        content.CopyTo(bytes);
        return new Line { Number = number, Profile = bytes, Length = (int)content.Length };
    }

    private static Line TooLarge(int number) => new()
    {
        Number = number,
        Refused = $"the profile is over {RetakeAdviceJson.MaxProfileBytes} bytes; at most {RetakeAdviceJson.MaxProfileBytes} are allowed",
    };

    private static Line PastTheLimit(int number, int maxProfiles) => new()
    {
        Number = number,
        Refused = $"a batch holds at most {maxProfiles} profiles; this line and the ones after it were not read: send them in another batch",
        PastTheLimit = true,
    };

    private static async Task WorkAsync(RetakeAdvisor advisor, CompiledRuleSet rules, DateOnly? asOf, ChannelReader<Line> work, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in work.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Answer(advisor, rules, asOf, line, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || work.Completion.IsFaulted)
        {
            // The batch stopped (cancelled, or the input failed): the writer reports why.
        }
    }

    private static void Answer(RetakeAdvisor advisor, CompiledRuleSet rules, DateOnly? asOf, Line line, CancellationToken cancellationToken)
    {
        var answer = new PooledBufferWriter(line.Profile is null ? 512 : Math.Max(4096, line.Length * 16));
        try
        {
            if (line.Refused is { } refused)
            {
                WriteErrors(answer, line.Number, [new ProfileError { Path = "$", Message = refused }]);
                line.Outcome = Outcome.Invalid;
            }
            else
            {
                try
                {
                    var profile = RetakeAdviceJson.ReadProfileToAdvise(line.Profile.AsSpan(0, line.Length));
                    if (asOf is { } day)
                    {
                        profile = profile with { AsOf = day };
                    }

                    RetakeAdviceJson.WriteReportUtf8(answer, advisor.AdviseWith(rules, profile, cancellationToken), indented: false);
                    line.Outcome = Outcome.Advised;
                }
                catch (ProfileValidationException ex)
                {
                    WriteErrors(answer, line.Number, ex.Errors);
                    line.Outcome = Outcome.Invalid;
                }
                catch (RuleEvaluationException ex)
                {
                    WriteRuleError(answer, line.Number, ex);
                    line.Outcome = Outcome.RuleError;
                    line.FailedRule = ex.Rule;
                }
            }

            answer.Write("\n"u8);
            line.Answer = answer;
            line.Done.SetResult();
        }
        catch (Exception ex)
        {
            answer.Dispose();
            line.Done.TrySetException(ex);
        }
        finally
        {
            if (line.Profile is { } bytes)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }

    /// <summary><c>{"line": n, "errors": {"$.path": ["why"]}}</c>: the problems keyed by JSON path, as the HTTP API's problem details list them.</summary>
    private static void WriteErrors(IBufferWriter<byte> answer, int number, IReadOnlyList<ProfileError> errors)
    {
        using var writer = new Utf8JsonWriter(answer, new JsonWriterOptions { Encoder = RetakeAdviceJson.Context.Options.Encoder });
        writer.WriteStartObject();
        writer.WriteNumber("line", number);
        writer.WriteStartObject("errors");
        foreach (var path in errors.GroupBy(e => e.Path, StringComparer.Ordinal))
        {
            writer.WriteStartArray(path.Key);
            foreach (var error in path)
            {
                writer.WriteStringValue(error.Message);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary><c>{"line": n, "ruleError": {"rule": id, "message": why}}</c>: a rule threw on this profile.</summary>
    private static void WriteRuleError(IBufferWriter<byte> answer, int number, RuleEvaluationException error)
    {
        using var writer = new Utf8JsonWriter(answer, new JsonWriterOptions { Encoder = RetakeAdviceJson.Context.Options.Encoder });
        writer.WriteStartObject();
        writer.WriteNumber("line", number);
        writer.WriteStartObject("ruleError");
        writer.WriteString("rule", error.Rule);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static async Task<AdviceBatchSummary> WriteAsync(ChannelReader<Line> order, Stream output, CancellationToken cancellationToken)
    {
        var pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        int lines = 0, advised = 0, invalid = 0, ruleErrors = 0;
        var limitReached = false;
        var unadvised = new List<int>();
        var failedRules = new List<string>();
        await foreach (var line in order.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!line.Done.Task.IsCompleted && pipe.UnflushedBytes > 0)
            {
                // The next answer is not ready: what is written goes out now, so a client reads as it comes.
                await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            await line.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            using (var answer = line.Answer!)
            {
                pipe.Write(answer.Written.Span);
            }

            lines++;
            limitReached |= line.PastTheLimit;
            switch (line.Outcome)
            {
                case Outcome.Advised:
                    advised++;
                    break;
                case Outcome.Invalid:
                    invalid++;
                    break;
                default:
                    ruleErrors++;
                    if (!failedRules.Contains(line.FailedRule!, StringComparer.Ordinal))
                    {
                        failedRules.Add(line.FailedRule!);
                    }

                    break;
            }

            if (line.Outcome != Outcome.Advised && unadvised.Count < ListedUnadvisedLines)
            {
                unadvised.Add(line.Number);
            }

            if (pipe.UnflushedBytes >= FlushEveryBytes)
            {
                await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await pipe.CompleteAsync().ConfigureAwait(false);
        return new AdviceBatchSummary { Lines = lines, Advised = advised, Invalid = invalid, RuleErrors = ruleErrors, LimitReached = limitReached, FirstUnadvisedLines = unadvised, FailedRules = failedRules };
    }
}
