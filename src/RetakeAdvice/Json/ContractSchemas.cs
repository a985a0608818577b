using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using RetakeAdvice.Validation;

namespace RetakeAdvice.Json;

/// <summary>
/// Generates the profile and report schemas from the contract types (through the same serializer options the
/// library uses) and adds the profile's limits: the source of rules/schemas/profile|report.schema.json and of
/// the HTTP API's OpenAPI document.
/// </summary>
internal static class ContractSchemas
{
    public static string Profile() => Generate(typeof(RetakeProfile), "RetakeAdvice profile", "A student's situation after a failed USMLE Step 1. Absent or null means unknown.", AddProfileLimits, RequireAttempts);

    public static string Report() => Generate(typeof(AdviceReport), "RetakeAdvice report", "A ranked, explained list of recommendations.", static (_, _) => { }, static _ => { });

    /// <summary>
    /// failedAttempts and each attempt's date are required, and so are an incomplete attempt's date and a content area's
    /// name and performance (the C# types leave them nullable so a missing one is reported, not thrown).
    /// </summary>
    private static void RequireAttempts(JsonObject root)
    {
        root["required"] = new JsonArray("failedAttempts");
        var attempts = root["properties"]!["failedAttempts"]!.AsObject();
        attempts["type"] = "array";
        Require(attempts["items"]!.AsObject(), ("date", "string"));
        Require(root["properties"]!["incompleteAttempts"]!["items"]!.AsObject(), ("date", "string"));
        Require(root["properties"]!["scoreReport"]!["properties"]!["contentAreas"]!["items"]!.AsObject(), ("area", "string"), ("performance", null));

        static void Require(JsonObject item, params (string Name, string? Type)[] fields)
        {
            item["required"] = new JsonArray([.. fields.Select(f => JsonValue.Create(f.Name))]);
            foreach (var (name, type) in fields)
            {
                var field = item["properties"]![name]!.AsObject();
                if (type is not null)
                {
                    field["type"] = type;
                }
                else if (field["enum"] is JsonArray values)
                {
                    field["enum"] = new JsonArray([.. values.Where(v => v is not null).Select(v => v!.DeepClone())]);
                }
            }
        }
    }

    /// <summary>Unknown fields are refused by the reader, so every object schema closes its properties.</summary>
    private static void CloseObjects(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (obj.ContainsKey("properties"))
            {
                obj["additionalProperties"] = false;
            }

            foreach (var (_, child) in obj.ToArray())
            {
                CloseObjects(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                CloseObjects(child);
            }
        }
    }

    private static string Generate(Type type, string title, string description, Action<string, JsonObject> limits, Action<JsonObject> adjust)
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                // An enum as its JSON names: the profile's enums have their own converter (ContractEnumConverter), of which
                // the exporter knows nothing.
                var type = context.TypeInfo.Type;
                if ((Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType)
                {
                    var values = new JsonArray([.. Primitives.EnumNames.Of(enumType).Select(n => JsonValue.Create(n))]);
                    if (Nullable.GetUnderlyingType(type) is not null)
                    {
                        values.Add(null);
                    }

                    node = new JsonObject { ["enum"] = values };
                }

                if (node is not JsonObject schema)
                {
                    return node;
                }

                if (context.PropertyInfo is { } property)
                {
                    limits(property.Name, schema);
                }

                return schema;
            },
        };

        var generated = JsonSchemaExporter.GetJsonSchemaAsNode(RetakeAdviceJson.Context.Options, type, options).AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = title,
            ["description"] = description,
        };
        foreach (var (key, value) in generated.ToArray())
        {
            generated.Remove(key);
            root[key] = value;
        }

        CloseObjects(root);
        adjust(root);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static void AddProfileLimits(string name, JsonObject schema)
    {
        switch (name)
        {
            case "failedAttempts":
                schema["minItems"] = 1;
                schema["maxItems"] = ProfileLimits.MaxListItems;
                break;
            case "topics":
                schema["maxItems"] = ProfileLimits.MaxTopics;
                break;
            case "mentors" or "previousResources" or "plannedResources" or "practiceExams" or "incompleteAttempts" or "contentAreas":
                schema["maxItems"] = ProfileLimits.MaxListItems;
                break;
            case "score" or "passingScore" or "step1Score" or "step2Score" or "targetScore":
                schema["minimum"] = ProfileLimits.MinScore;
                schema["maximum"] = ProfileLimits.MaxScore;
                break;
            case "distress":
                schema["minimum"] = 0;
                schema["maximum"] = ProfileLimits.MaxDistress;
                break;
            case "percentCorrect":
                schema["minimum"] = 0;
                schema["maximum"] = ProfileLimits.MaxPercent;
                break;
            case "passProbability":
                schema["minimum"] = 0;
                schema["maximum"] = ProfileLimits.MaxProbability;
                break;
            case "pointsBelowPassing":
                schema["exclusiveMinimum"] = 0;
                schema["exclusiveMaximum"] = ProfileLimits.MaxScore;
                break;
            case "seen" or "incorrect":
                schema["minimum"] = 0;
                schema["maximum"] = ProfileLimits.MaxQuestions;
                break;
            case "daysSinceResult":
                schema["minimum"] = 0;
                schema["maximum"] = ProfileLimits.MaxDays;
                break;
            case "plannedTimeOffMonths":
                schema["minimum"] = 0;
                break;
            case "studyHoursPerDay":
                schema["minimum"] = 0;
                schema["maximum"] = ProfileLimits.HoursPerDay;
                break;
            case "restDaysPerWeek":
                schema["minimum"] = 0;
                schema["maximum"] = ProfileLimits.DaysPerWeek;
                break;
            case "attemptLimit":
                schema["minimum"] = 1;
                schema["maximum"] = ProfileLimits.MaxAttemptLimit;
                break;
            case "name" or "discipline" or "targetSpecialty" or "area":
                schema["maxLength"] = ProfileLimits.MaxStringLength;
                break;
        }
    }
}
