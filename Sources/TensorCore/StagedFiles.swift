import Foundation

/// Files and folders a process has staged but not yet moved into place, removed if it is interrupted.
///
/// Writers register what they stage (`AtomicFile`'s temporary files, a dataset's staging folder) and
/// unregister it once it is renamed into place or discarded; `removeAll()` (called by the command-line
/// tool on SIGINT or SIGTERM) deletes whatever is still staged, so an interrupted run leaves nothing
/// half-written behind.
public enum StagedFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var staged: Set<URL> = []

    /// Notes `url` as staged.
    public static func register(_ url: URL) {
        lock.lock()
        defer { lock.unlock() }
        staged.insert(url)
    }

    /// Notes that `url` is in place or gone.
    public static func unregister(_ url: URL) {
        lock.lock()
        defer { lock.unlock() }
        staged.remove(url)
    }

    /// Deletes everything still staged; returns what it deleted.
    @discardableResult
    public static func removeAll() -> [URL] {
        lock.lock()
        defer { lock.unlock() }
        let removed = staged.sorted { $0.path < $1.path }
        for url in removed { try? FileManager.default.removeItem(at: url) }
        staged = []
        return removed
    }
}
