namespace RetakeAdvice.Hosting;

/// <summary>
/// Watches a rule folder's top level and calls back once the folder has been quiet for the delay after the last
/// change, so a burst of writes (an editor's save, a deploy) causes one reload. Every name counts, not only
/// <c>*.json</c>: a Kubernetes ConfigMap is updated by swapping its <c>..data</c> symlink, and the JSON files,
/// themselves links into it, never change their own entries. With a polling interval, the folder is looked at on
/// that interval instead (names, sizes and write times of its entries and of its tests, links followed), for
/// network file systems that do not deliver events.
/// </summary>
internal sealed class RuleFolderWatcher : IDisposable
{
    /// <summary>
    /// How often an event-driven watcher checks that its folder is still the one it watches: a folder deleted and
    /// made again, or moved away, takes its file events with it.
    /// </summary>
    internal static readonly TimeSpan FolderCheckInterval = TimeSpan.FromMilliseconds(1500);

    private readonly Lock _gate = new();
    private readonly ITimer? _folderCheck;
    private FileSystemWatcher? _watcher;
    private long _folderIdentity;
    private bool _disposed;
    private readonly ITimer? _poller;
    private readonly ITimer _timer;
    private readonly TimeSpan _delay;
    private readonly string _directory;
    private readonly Action<Exception> _failed;
    private string _lastSeen;

    public RuleFolderWatcher(string directory, TimeSpan delay, TimeProvider timeProvider, Action reload, Action<Exception> failed, TimeSpan? pollingInterval = null)
    {
        _delay = delay;
        _directory = directory;
        _failed = failed;
        _timer = timeProvider.CreateTimer(_ => reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _lastSeen = Fingerprint();
        if (pollingInterval is { } interval)
        {
            _poller = timeProvider.CreateTimer(_ => Poll(), null, interval, interval);
            return;
        }

        _folderIdentity = FolderIdentity();
        _watcher = CreateWatcher();
        _folderCheck = timeProvider.CreateTimer(_ => CheckFolder(), null, FolderCheckInterval, FolderCheckInterval);
    }

    private FileSystemWatcher CreateWatcher()
    {
        var watcher = new FileSystemWatcher(_directory)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.Error += (_, e) =>
        {
            _failed(e.GetException()); // an overflowed event queue, or the folder gone: said, then reloaded to be sure
            Changed();
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>
    /// The folder gone, back, or another folder of the same name: the old watch sees nothing any more. Watch the
    /// folder that is there now (if any), and reload: the status says the folder is missing, or serves what came back.
    /// </summary>
    private void CheckFolder()
    {
        var identity = FolderIdentity();
        if (identity == Interlocked.Exchange(ref _folderIdentity, identity))
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _watcher?.Dispose();
            _watcher = null;
            try
            {
                _watcher = identity == 0 ? null : CreateWatcher();
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
            {
                Interlocked.Exchange(ref _folderIdentity, 0); // gone again meanwhile: the next check tries again
                _failed(ex);
            }
        }

        Changed();
    }

    // The folder's creation time: another folder made under the same name has another. Zero when there is none.
    private long FolderIdentity()
    {
        try
        {
            var folder = new DirectoryInfo(_directory);
            return folder.Exists ? Math.Max(folder.CreationTimeUtc.Ticks, 1) : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Restarts the quiet period, as a file event does.</summary>
    public void Changed() => _timer.Change(_delay, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            if (_watcher is not null)
            {
                _watcher.EnableRaisingEvents = false;
                _watcher.Dispose();
            }
        }

        _folderCheck?.Dispose();
        _poller?.Dispose();
        _timer.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e) => Changed();

    private void Poll()
    {
        try
        {
            var seen = Fingerprint();
            if (!string.Equals(seen, Interlocked.Exchange(ref _lastSeen, seen), StringComparison.Ordinal))
            {
                Changed();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _failed(ex);
        }
    }

    // What a change would alter: each entry's name, size and last write time, links followed (a ConfigMap's
    // ..data swap changes what the JSON links point at), for the top level and the tests.
    private string Fingerprint()
    {
        if (!Directory.Exists(_directory))
        {
            return string.Empty;
        }

        var entries = Directory.EnumerateFiles(_directory).Concat(Directory.Exists(Path.Combine(_directory, "tests")) ? Directory.EnumerateFiles(Path.Combine(_directory, "tests")) : [])
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var file = new FileInfo(path);
                var target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
                return target.Exists ? $"{path}|{target.FullName}|{target.Length}|{target.LastWriteTimeUtc.Ticks}" : path;
            });
        return string.Join('\n', entries);
    }
}
