namespace RetakeAdvice.Validation;

/// <summary>Collects profile problems, one per field path (the first found wins).</summary>
internal sealed class ProfileErrors
{
    // Created on the first problem: a valid profile, the common case, allocates nothing here.
    private List<ProfileError>? _errors;
    private HashSet<string>? _paths;

    public void Add(string path, string message)
    {
        _paths ??= new HashSet<string>(StringComparer.Ordinal);
        if (_paths.Add(path))
        {
            (_errors ??= []).Add(new ProfileError { Path = path, Message = message });
        }
    }

    public bool Has(string path) => _paths?.Contains(path) == true;

    public void ThrowIfAny()
    {
        if (_errors is { Count: > 0 })
        {
            throw new ProfileValidationException(_errors.ToArray());
        }
    }
}
