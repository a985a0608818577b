using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Validation;

/// <summary>The size and depth limits hold alike in the library, the CLI and (see HttpApiTests) HTTP.</summary>
public sealed class InputLimitTests
{
    private static string Deep(int depth) =>
        "{\"asOf\":\"2026-11-27\",\"failedAttempts\":[{\"date\":\"2026-10-01\",\"pointsBelowPassing\":5}],\"school\":"
        + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "}";

    [Fact]
    public void ReadProfile_NestedDeeperThanTheLimit_IsOneValidationError()
    {
        var error = Assert.Throws<ProfileValidationException>(() => RetakeAdviceJson.ReadProfile(Deep(RetakeAdviceJson.MaxDepth + 5)));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("is not valid JSON: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("depth", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ReadProfile_OverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var json = "{\"targetSpecialty\":\"" + new string('x', RetakeAdviceJson.MaxProfileBytes) + "\"}";

        var error = Assert.Throws<ProfileValidationException>(() => RetakeAdviceJson.ReadProfile(json));

        Assert.Equal(new ProfileError { Path = "$", Message = $"the profile is over {RetakeAdviceJson.MaxProfileBytes} bytes; at most {RetakeAdviceJson.MaxProfileBytes} are allowed" }, Assert.Single(error.Errors));
    }

    [Fact]
    public async Task ReadProfileAsync_OverTheSizeLimit_StopsReading()
    {
        using var stream = new EndlessStream();

        var error = await Assert.ThrowsAsync<ProfileValidationException>(() => RetakeAdviceJson.ReadProfileAsync(stream));

        Assert.Equal("$", Assert.Single(error.Errors).Path);
        Assert.InRange(stream.BytesRead, RetakeAdviceJson.MaxProfileBytes, RetakeAdviceJson.MaxProfileBytes + 200_000);
    }

    [Fact]
    public async Task Cli_OversizeProfile_ExitsTwoWithoutAStackTrace()
    {
        var json = "{\"targetSpecialty\":\"" + new string('x', RetakeAdviceJson.MaxProfileBytes) + "\"}";
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApp.RunAsync(["advise", "-"], new StringReader(json), output, error);

        Assert.Equal(2, code);
        Assert.StartsWith("The profile is not valid:\n- $: the profile is over", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    /// <summary>A stream that never ends, counting what was read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
