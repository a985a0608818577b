using System.Text.Json.Nodes;

namespace RetakeAdvice.Cli;

/// <summary>
/// The HTTP API's OpenAPI 3.1 document, built from the same schemas the library generates from its contract
/// types (rules/schemas/profile|report.schema.json), so the document cannot drift from the JSON the API reads
/// and writes.
/// </summary>
internal static class OpenApiDocument
{
    /// <param name="keysRequired">The server has API keys: advice and the rule set's status need one.</param>
    public static JsonObject Create(bool keysRequired = false)
    {
        var profile = Component(JsonNode.Parse(RetakeAdviceJson.GetProfileSchema())!.AsObject());
        var report = Component(JsonNode.Parse(RetakeAdviceJson.GetReportSchema())!.AsObject());
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "RetakeAdvice",
                ["version"] = "1",
                ["description"] = "Ranked, explained next steps after a failed USMLE Step 1. The same JSON as the retake-advice CLI and the library.",
            },
            ["paths"] = new JsonObject
            {
                ["/v1/advice"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["summary"] = "Advise on a profile",
                        ["security"] = Security(keysRequired),
                        ["parameters"] = new JsonArray(
                            new JsonObject
                            {
                                ["name"] = "indent",
                                ["in"] = "query",
                                ["required"] = false,
                                ["description"] = "true: the report indented, as the CLI writes it; otherwise on one line (the same JSON value)",
                                ["schema"] = new JsonObject { ["type"] = "boolean", ["default"] = false },
                            }),
                        ["requestBody"] = new JsonObject
                        {
                            ["required"] = true,
                            ["content"] = Json(Ref("RetakeProfile")),
                        },
                        ["responses"] = new JsonObject
                        {
                            ["200"] = Response("The ranked report", Json(Ref("AdviceReport"))),
                            ["400"] = Response("The profile is not valid: errors by JSON path", Problem()),
                            ["401"] = Response("The server has API keys and the request sent none of them", Problem()),
                            ["413"] = Response("The request is larger than 4 MiB", Problem()),
                            ["500"] = Response("A rule failed while evaluating (a rule-set defect)", Problem()),
                        },
                    },
                },
                ["/v1/explain"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["summary"] = "Explain the advice for a profile: every rule, fired, not fired, suppressed (and by which rule) or not reached, with the values that decided it; the JSON of retake-advice explain --format json",
                        ["security"] = Security(keysRequired),
                        ["requestBody"] = new JsonObject
                        {
                            ["required"] = true,
                            ["content"] = Json(Ref("RetakeProfile")),
                        },
                        ["responses"] = new JsonObject
                        {
                            ["200"] = Response("The explanation: ruleSet, asOf, readiness, estimatedStudyWeeks, studyWeeksSuppressedBy and rules (id, file, expression, outcome, values, items, escalation, suppressedBy, error); a rule that throws is shown with outcome failed", Json(new JsonObject { ["type"] = "object" })),
                            ["400"] = Response("The profile is not valid: errors by JSON path", Problem()),
                            ["401"] = Response("The server has API keys and the request sent none of them", Problem()),
                            ["413"] = Response("The request is larger than 4 MiB", Problem()),
                        },
                    },
                },
                ["/v1/advice/batch"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["summary"] = "Advise on many profiles: NDJSON in (one profile per line, at most 100,000 lines and 256 MiB), NDJSON out, streamed, in the same order: each line the profile's report, or {\"line\": n, \"errors\": {\"$.path\": [\"why\"]}} for an invalid one, or {\"line\": n, \"ruleError\": {\"rule\": id, \"message\": why}} when a rule throws",
                        ["security"] = Security(keysRequired),
                        ["requestBody"] = new JsonObject
                        {
                            ["required"] = true,
                            ["content"] = new JsonObject { ["application/x-ndjson"] = new JsonObject { ["schema"] = Ref("RetakeProfile") } },
                        },
                        ["responses"] = new JsonObject
                        {
                            ["200"] = Response("One line per line read, in order", new JsonObject { ["application/x-ndjson"] = new JsonObject() }),
                            ["401"] = Response("The server has API keys and the request sent none of them", Problem()),
                            ["413"] = Response("The request is larger than 256 MiB", Problem()),
                        },
                    },
                },
                ["/v1/ruleset"] = new JsonObject
                {
                    ["get"] = new JsonObject
                    {
                        ["summary"] = "The rule set in use: name, version, sha256, rule count, last reload error",
                        ["security"] = Security(keysRequired),
                        ["responses"] = new JsonObject
                        {
                            ["200"] = Response("The rule set", Json(new JsonObject { ["type"] = "object" })),
                            ["401"] = Response("The server has API keys and the request sent none of them", Problem()),
                        },
                    },
                },
                ["/healthz"] = new JsonObject
                {
                    ["get"] = new JsonObject
                    {
                        ["summary"] = "Health: Healthy, or Degraded after a refused reload (the last good rule set is still served)",
                        ["responses"] = new JsonObject { ["200"] = Response("Healthy or Degraded", new JsonObject { ["text/plain"] = new JsonObject() }) },
                    },
                },
            },
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject { ["RetakeProfile"] = profile, ["AdviceReport"] = report },
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "One of the keys in serve's --api-keys-file." },
                    ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-Api-Key", ["description"] = "The same key in a header of its own." },
                },
            },
        };
    }

    // Either form of a key; with no keys set, also none (the empty requirement), so clients do not ask for one.
    // JsonArray's constructor, not a collection expression: that adds through the generic Add<T>, which a trimmed
    // (Native AOT) build of the tool warns about.
    private static JsonArray Security(bool keysRequired) => keysRequired
        ? new(new JsonObject { ["bearer"] = new JsonArray() }, new JsonObject { ["apiKey"] = new JsonArray() })
        : new(new JsonObject(), new JsonObject { ["bearer"] = new JsonArray() }, new JsonObject { ["apiKey"] = new JsonArray() });

    private static JsonObject Component(JsonObject schema)
    {
        schema.Remove("$schema");
        return schema;
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject Json(JsonObject schema) => new() { ["application/json"] = new JsonObject { ["schema"] = schema } };

    private static JsonObject Problem() => new() { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } };

    private static JsonObject Response(string description, JsonObject content) => new() { ["description"] = description, ["content"] = content };
}
