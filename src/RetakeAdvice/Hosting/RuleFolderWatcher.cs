namespace RetakeAdvice.Hosting;

/// <summary>
/// Watches a rule folder's top-level JSON files and calls back once the folder has been quiet for the delay
/// after the last change, so a burst of writes (an editor's save, a deploy) causes one reload.
/// </summary>
internal sealed class RuleFolderWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _timer;
    private readonly TimeSpan _delay;

    public RuleFolderWatcher(string directory, TimeSpan delay, TimeProvider timeProvider, Action reload)
    {
        _delay = delay;
        _timer = timeProvider.CreateTimer(_ => reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(directory, "*.json")
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.Error += (_, _) => Changed(); // an overflowed event queue: reload to be sure
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Restarts the quiet period, as a file event does.</summary>
    public void Changed() => _timer.Change(_delay, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        _timer.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e) => Changed();
}
