import Foundation

/// Refuses datasets that cannot be written, before anything is simulated or allocated.
///
/// An episode is built in memory before it goes to its shard, so one episode may take at most
/// `episodeLimit` bytes; the whole dataset must fit in the free space of the disk it goes to.
public enum DatasetBudget {
    /// The most bytes one episode may take (its arrays are held in memory while it is simulated).
    public static let episodeLimit = 1 << 30

    /// Throws a `DatasetError` naming `destination` when an episode of `bytesPerEpisode` bytes (`steps` steps) is too
    /// large, or `episodes` of them need more than the disk holding `destination` has free.
    public static func check(bytesPerEpisode: Int, steps: Int, episodes: Int, destination: URL) throws {
        guard bytesPerEpisode <= episodeLimit else {
            throw DatasetError(path: destination.path, reason: "one episode of \(steps) steps would take \(describe(bytesPerEpisode)) "
                               + "in memory (at most \(describe(episodeLimit))); use fewer --steps")
        }
        let (total, overflow) = bytesPerEpisode.multipliedReportingOverflow(by: episodes)
        let folder = FileManager.default.fileExists(atPath: destination.path) ? destination : destination.deletingLastPathComponent()
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder.path))?[.systemFreeSize] as? NSNumber
        if overflow || free.map({ total > $0.int64Value }) == true {
            throw DatasetError(path: destination.path, reason: "\(episodes) episodes would take "
                               + "\(overflow ? "more than \(describe(Int.max))" : describe(total)), the disk has "
                               + "\(free.map { describe(Int(truncatingIfNeeded: $0.int64Value)) } ?? "less") free; use fewer --episodes")
        }
    }

    /// `512 B`, `3.2 KiB`, `12.3 MiB`, `1.4 GiB`.
    public static func describe(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
