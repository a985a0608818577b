namespace RetakeAdvice.Validation;

/// <summary>
/// A field's JSON path (<c>$.mentors[2].name</c>), kept as its parts and written only when a problem is reported:
/// checking a valid profile, the common case, builds no path.
/// </summary>
/// <param name="list">The path of the list, or of the field when there is no index.</param>
/// <param name="index">The item's index in the list; -1 for none.</param>
/// <param name="member">The item's field; null for the item itself.</param>
internal readonly struct FieldPath(string list, int index = -1, string? member = null)
{
    /// <summary>A path without an index: <c>"$.daysSinceResult"</c>.</summary>
    public static implicit operator FieldPath(string path) => new(path);

    /// <summary>This item's field: <c>$.mentors[2]</c> and <c>name</c> give <c>$.mentors[2].name</c>.</summary>
    public FieldPath Member(string name) => new(list, index, member is null ? name : $"{member}.{name}");

    public override string ToString() =>
        (index, member) switch
        {
            (< 0, null) => list,
            (< 0, _) => $"{list}.{member}",
            (_, null) => $"{list}[{index}]",
            _ => $"{list}[{index}].{member}",
        };
}
