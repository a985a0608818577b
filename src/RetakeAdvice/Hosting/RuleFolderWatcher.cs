namespace RetakeAdvice.Hosting;

/// <summary>
/// Watches a rule folder's top level and calls back once the folder has been quiet for the delay after the last
/// change, so a burst of writes (an editor's save, a deploy) causes one reload. Every name counts, not only
/// <c>*.json</c>: a Kubernetes ConfigMap is updated by swapping its <c>..data</c> symlink, and the JSON files,
/// themselves links into it, never change their own entries.
/// </summary>
internal sealed class RuleFolderWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _timer;
    private readonly TimeSpan _delay;

    public RuleFolderWatcher(string directory, TimeSpan delay, TimeProvider timeProvider, Action reload, Action<Exception> failed)
    {
        _delay = delay;
        _timer = timeProvider.CreateTimer(_ => reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.Error += (_, e) =>
        {
            failed(e.GetException()); // an overflowed event queue, or the folder gone: said, then reloaded to be sure
            Changed();
        };
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
