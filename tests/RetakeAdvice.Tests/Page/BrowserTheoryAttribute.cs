namespace RetakeAdvice.Tests.Page;

/// <summary>A theory that drives the system's Chromium; skipped or failed as <see cref="BrowserFactAttribute"/> says.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
        {
            Skip = Chromium.Missing;
        }
    }
}
