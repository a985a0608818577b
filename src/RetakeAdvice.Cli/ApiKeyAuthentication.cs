using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RetakeAdvice.Cli;

/// <summary>
/// ASP.NET Core authentication by API key: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// A request without a key, or with one that is not in <see cref="ApiKeys"/>, is answered 401 with problem details.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "retake-advice/key-id";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey(Request);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!keys.Contains(key))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of the server's keys."));
        }

        // Who the client is stays unnamed: the key itself is never put in a claim, a log line or a trace; its id (a
        // prefix of its hash) tells clients apart, for rate limits.
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-client"), new Claim(KeyIdClaim, ApiKeys.Id(key))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = PresentedKey(Request) is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        await Results.Problem(
            title: presented ? "The API key is not valid" : "An API key is required",
            detail: $"Send one of the server's keys as 'Authorization: Bearer <key>' or '{HeaderName}: <key>'.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context).ConfigureAwait(false);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return header[BearerPrefix.Length..].Trim();
        }

        var apiKey = request.Headers[HeaderName].ToString();
        return apiKey.Length > 0 ? apiKey.Trim() : null;
    }
}
