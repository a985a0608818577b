namespace RetakeAdvice.Validation;

/// <summary>
/// Collects profile problems, one per field path (the first found wins), listing at most <see cref="MaxListed"/>:
/// a profile of two million wrong items gets a short answer that says how many more there were, not a report
/// larger than the profile.
/// </summary>
internal sealed class ProfileErrors
{
    /// <summary>The problems listed; the rest are counted.</summary>
    public const int MaxListed = 100;

    // Created on the first problem: a valid profile, the common case, allocates nothing here.
    private List<ProfileError>? _errors;
    private HashSet<string>? _paths;
    private int _unlisted;

    /// <summary>A problem at a path kept as its parts: the path is written here, once there is a problem.</summary>
    public void Add(FieldPath path, string message) => Add(path.ToString(), message);

    public void Add(string path, string message)
    {
        // Paths are remembered past the cap, so the count is of distinct problems. Their number is bounded: a list
        // over its limit is one problem (its items are not read), so at most the 10,000 topics' fields and the
        // other lists' few hundred items can each have one.
        _paths ??= new HashSet<string>(StringComparer.Ordinal);
        if (!_paths.Add(path))
        {
            return;
        }

        if (_errors is { Count: >= MaxListed })
        {
            _unlisted++;
            return;
        }

        (_errors ??= []).Add(new ProfileError { Path = path, Message = message });
    }

    /// <summary>No problem was found.</summary>
    public bool IsEmpty => _paths is null;

    public bool Has(FieldPath path) => _paths is not null && _paths.Contains(path.ToString());

    public void ThrowIfAny()
    {
        if (_errors is not { Count: > 0 })
        {
            return;
        }

        if (_unlisted > 0)
        {
            _errors.Add(new ProfileError { Path = "$", Message = $"{_unlisted} more problems are not listed (only the first {MaxListed} are)" });
        }

        throw new ProfileValidationException(_errors.ToArray());
    }
}
