using Microsoft.Extensions.Time.Testing;

namespace RetakeAdvice.Tests.TestSupport;

/// <summary>
/// Waits for a watched folder's reload with the quiet period on a fake clock: the file system's event comes on its
/// own (a short real wait lets it arrive), and each step moves the clock past the quiet period, so no test depends
/// on how long the machine takes to count down a real delay.
/// </summary>
internal static class FakeClockWatch
{
    public static async Task Until(FakeTimeProvider clock, TimeSpan quietPeriod, Func<Task<bool>> condition, string what)
    {
        for (var step = 0; step < 400; step++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
            clock.Advance(quietPeriod);
        }

        Assert.Fail($"not after 400 steps of the clock: {what}");
    }

    public static Task Until(FakeTimeProvider clock, TimeSpan quietPeriod, Func<bool> condition, string what) =>
        Until(clock, quietPeriod, () => Task.FromResult(condition()), what);
}
