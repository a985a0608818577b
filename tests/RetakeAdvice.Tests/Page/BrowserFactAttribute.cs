namespace RetakeAdvice.Tests.Page;

/// <summary>
/// A test that drives the system's Chromium. Where there is none it is skipped, saying how to install it, so
/// <c>dotnet test</c> passes on any machine; under <c>CI=true</c> it runs and fails instead, so CI cannot go green
/// without the page's tests.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
        {
            Skip = Chromium.Missing;
        }
    }
}
