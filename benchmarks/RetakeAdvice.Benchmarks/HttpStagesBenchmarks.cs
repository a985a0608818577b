using System.Buffers;
using BenchmarkDotNet.Attributes;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// Where an HTTP advice request's own time goes, on <c>samples/near-miss.json</c> as the HTTP throughput run sends
/// it: reading the profile from the body's bytes, advising, and writing the report's bytes; against the whole of
/// it (baseline). What is left of a request is the HTTP path itself (see <c>-- http</c>).
/// </summary>
[MemoryDiagnoser]
public class HttpStagesBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private RetakeAdvisor _advisor = null!;
    private byte[] _body = null!;
    private RetakeProfile _profile = null!;
    private AdviceReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        _advisor = RetakeAdvisor.Create();
        _body = File.ReadAllBytes(RepoFiles.Find(Path.Combine("samples", "near-miss.json")));
        _profile = RetakeAdviceJson.ReadProfileToAdvise(_body);
        _report = _advisor.Advise(_profile);
    }

    [Benchmark(Baseline = true)]
    public int Request()
    {
        _output.ResetWrittenCount();
        RetakeAdviceJson.WriteReportUtf8(_output, _advisor.Advise(RetakeAdviceJson.ReadProfileToAdvise(_body)), indented: false);
        return _output.WrittenCount;
    }

    [Benchmark]
    public RetakeProfile Read() => RetakeAdviceJson.ReadProfileToAdvise(_body);

    [Benchmark]
    public AdviceReport Advise() => _advisor.Advise(_profile);

    [Benchmark]
    public int Write()
    {
        _output.ResetWrittenCount();
        RetakeAdviceJson.WriteReportUtf8(_output, _report, indented: false);
        return _output.WrittenCount;
    }
}
