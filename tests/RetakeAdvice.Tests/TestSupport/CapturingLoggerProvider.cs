using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RetakeAdvice.Tests.TestSupport;

/// <summary>A logger provider that keeps every line it is given: "category Level: message exception".</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Queue { get; } = new();

    public IReadOnlyCollection<string> Lines => Queue;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Queue);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
    }
}
