using System.Globalization;

namespace RetakeAdvice.Tests.Validation;

/// <summary>Defects found by the generated-profile equivalence work, each pinned here.</summary>
public sealed class ValidationRegressionTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Advise_PointsBelowPassingNotANumber_IsAValidationError(double points)
    {
        var profile = Profiles.Minimal() with { FailedAttempts = [new FailedAttempt { Date = Profiles.FailureDate, PointsBelowPassing = points }] };

        var error = Assert.Throws<ProfileValidationException>(() => Shipped.Advisor.Advise(profile));

        Assert.Equal("$.failedAttempts[0].pointsBelowPassing", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void Advise_InvalidPassingScore_IsReportedOnceNotUsedToJudgeTheScore()
    {
        var profile = Profiles.Minimal() with { FailedAttempts = [new FailedAttempt { Date = Profiles.FailureDate, Score = 150, PassingScore = 0 }] };

        var error = Assert.Throws<ProfileValidationException>(() => Shipped.Advisor.Advise(profile));

        Assert.Equal([new ProfileError { Path = "$.failedAttempts[0].passingScore", Message = "must be between 1 and 300 (was 0)" }], error.Errors);
    }

    [Fact]
    public void ReadProfile_UnderACultureWithATypographicMinus_WritesAnAsciiMinus()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
        try
        {
            var error = Assert.Throws<ProfileValidationException>(() => RetakeAdviceJson.ReadProfile(Profiles.MinimalJson("\"daysSinceResult\": -4")));

            Assert.Equal("must not be negative (was -4)", Assert.Single(error.Errors).Message);
            Assert.Equal("sv-SE", CultureInfo.CurrentCulture.Name);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Explain_UnderAnotherCulture_ValidatesInvariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
        try
        {
            var error = Assert.Throws<ProfileValidationException>(() => Shipped.Advisor.Explain(Profiles.Minimal() with { DaysSinceResult = -4 }));

            Assert.Equal("must not be negative (was -4)", Assert.Single(error.Errors).Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
