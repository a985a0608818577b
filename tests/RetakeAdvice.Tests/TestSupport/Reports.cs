using System.Buffers;
using System.Text;

namespace RetakeAdvice.Tests.TestSupport;

/// <summary>Reports as the HTTP API writes them: on one line, unless a client asks for them indented.</summary>
internal static class Reports
{
    /// <summary>The report on one line: the same JSON value as <see cref="RetakeAdviceJson.WriteReport(AdviceReport)"/>.</summary>
    public static string Compact(AdviceReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RetakeAdviceJson.WriteReportUtf8(buffer, report, indented: false);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>What <c>POST /v1/advice</c> answers for a profile, from the shipped rules.</summary>
    public static string ShippedHttpAnswer(string profileJson) => Compact(Shipped.Advisor.Advise(RetakeAdviceJson.ReadProfile(profileJson)));
}
