namespace RetakeAdvice.Validation;

/// <summary>Collects profile problems, one per field path (the first found wins).</summary>
internal sealed class ProfileErrors
{
    private readonly List<ProfileError> _errors = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string path, string message)
    {
        if (_paths.Add(path))
        {
            _errors.Add(new ProfileError(path, message));
        }
    }

    public bool Has(string path) => _paths.Contains(path);

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ProfileValidationException(_errors.ToArray());
        }
    }
}
