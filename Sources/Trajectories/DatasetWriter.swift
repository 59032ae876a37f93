import Foundation
import TensorCore

/// Writes a dataset folder so that it only ever appears complete.
///
/// Shards go into a hidden staging folder beside the destination
/// (`.NAME.partial-PID-XXXXXXXX`), each written atomically; `finish()` writes the
/// manifest last and then renames the staging folder into place. An interrupted run
/// therefore leaves at most a hidden staging folder (removed by the next writer for
/// the same destination) and never a folder with a manifest that does not match its shards.
/// An existing non-empty destination is only replaced when `replaceExisting` is set,
/// and only if it looks like a dataset, so `--force` cannot wipe an unrelated folder.
public final class DatasetWriter {
    /// The dataset folder being written.
    public let destination: URL
    /// The manifest to write; `contactFraction` is filled in by `finish()`.
    public private(set) var manifest: DatasetManifest
    /// The hidden folder the shards are written to until `finish()`.
    public let staging: URL
    private let replaceExisting: Bool
    private var written: [Bool]
    private var contactSteps = 0
    private var finished = false

    /// Prepares to write `manifest`'s shards to `destination`.
    ///
    /// Fails early, before any simulation, if `destination` exists, is not empty and
    /// `replaceExisting` is false, or if it is not a dataset folder.
    public init(destination: URL, manifest: DatasetManifest, replaceExisting: Bool) throws {
        let destination = destination.standardizedFileURL
        try manifest.validate(path: destination.appendingPathComponent(DatasetManifest.fileName).path)
        try Self.checkReplaceable(destination, replaceExisting: replaceExisting)
        let parent = destination.deletingLastPathComponent()
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw DatasetError(path: parent.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        Self.removeAbandonedStaging(for: destination)
        let staging = parent.appendingPathComponent(
            "\(Self.stagingPrefix(for: destination))\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw DatasetError(path: staging.path, reason: "cannot create the staging folder (\(error.localizedDescription))")
        }
        self.destination = destination
        self.manifest = manifest
        self.staging = staging
        self.replaceExisting = replaceExisting
        self.written = Array(repeating: false, count: manifest.shards.count)
    }

    deinit {
        if !finished { discard() }
    }

    /// Writes shard number `index` (its episodes in order) to the staging folder.
    public func write(shard index: Int, episodes: [EpisodeRecord]) throws {
        precondition(!finished, "DatasetWriter.write after finish()")
        guard manifest.shards.indices.contains(index) else {
            throw DatasetError(path: destination.path, field: "shards",
                               reason: "no shard \(index) (the plan has \(manifest.shards.count))")
        }
        let shard = manifest.shards[index]
        let path = destination.appendingPathComponent(shard.file).path
        guard !written[index] else { throw DatasetError(path: path, reason: "written twice") }
        guard episodes.count == shard.episodes else {
            throw DatasetError(path: path, field: "episodes", reason: "expected \(shard.episodes) episodes, got \(episodes.count)")
        }
        for (offset, episode) in episodes.enumerated() {
            do {
                try episode.check(against: manifest, path: path)
            } catch let error as DatasetError {
                throw DatasetError(path: error.path, field: "episodes[\(shard.firstEpisode + offset)]" + (error.field.map { ".\($0)" } ?? ""),
                                   reason: error.reason)
            }
        }
        let archive = ShardLayout.archive(of: episodes, shard: shard, manifest: manifest)
        try archive.write(to: staging.appendingPathComponent(shard.file))
        contactSteps += episodes.reduce(0) { $0 + $1.contactSteps }
        written[index] = true
    }

    /// Writes the manifest (with the contact fraction) and moves the dataset into place.
    ///
    /// Returns the manifest as written.
    @discardableResult
    public func finish() throws -> DatasetManifest {
        precondition(!finished, "DatasetWriter.finish called twice")
        if let missing = written.firstIndex(of: false) {
            throw DatasetError(path: destination.appendingPathComponent(manifest.shards[missing].file).path,
                               reason: "shard \(missing) was never written")
        }
        manifest.contactFraction = Double(contactSteps) / Double(manifest.episodes * manifest.stepsPerEpisode)
        try AtomicFile.write(try manifest.encoded(), to: staging.appendingPathComponent(DatasetManifest.fileName))
        try install()
        finished = true
        return manifest
    }

    /// Removes the staging folder and everything written so far (the destination is untouched).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Renames the staging folder to the destination, replacing an existing dataset if allowed.
    private func install() throws {
        try Self.checkReplaceable(destination, replaceExisting: replaceExisting)
        let fileManager = FileManager.default
        var replaced: URL?
        if fileManager.fileExists(atPath: destination.path) {
            if (try? fileManager.contentsOfDirectory(atPath: destination.path))?.isEmpty == true {
                try? fileManager.removeItem(at: destination)
            } else {
                let aside = destination.deletingLastPathComponent().appendingPathComponent(
                    ".\(destination.lastPathComponent).replaced-\(getpid())-\(UUID().uuidString.prefix(8))")
                try Self.rename(destination, to: aside)
                replaced = aside
            }
        }
        try Self.rename(staging, to: destination)
        if let replaced { try? fileManager.removeItem(at: replaced) }
    }

    private static func rename(_ source: URL, to target: URL) throws {
        guard Foundation.rename(source.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw DatasetError(path: target.path, reason: "cannot move \(source.path) into place (\(reason))")
        }
    }

    /// Fails unless `destination` is absent, an empty folder, or (with `replaceExisting`) a dataset folder.
    static func checkReplaceable(_ destination: URL, replaceExisting: Bool) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw DatasetError(path: destination.path, reason: "exists and is not a folder")
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? []
        guard !contents.isEmpty else { return }
        guard replaceExisting else {
            throw DatasetError(path: destination.path, reason: "already exists; pass --force to replace it")
        }
        if let stranger = contents.sorted().first(where: { !isDatasetFile($0) }) {
            throw DatasetError(path: destination.path,
                               reason: "is not a dataset folder (it holds '\(stranger)'); refusing to replace it, even with --force")
        }
    }

    /// Whether `name` is a file a dataset folder may hold.
    private static func isDatasetFile(_ name: String) -> Bool {
        name == DatasetManifest.fileName || name.hasPrefix(".tmp-")
            || (name.hasPrefix("shard-") && name.hasSuffix(".safetensors"))
    }

    private static func stagingPrefix(for destination: URL) -> String {
        ".\(destination.lastPathComponent).partial-"
    }

    /// Removes staging folders for `destination` left by processes that no longer run.
    private static func removeAbandonedStaging(for destination: URL) {
        let parent = destination.deletingLastPathComponent()
        let prefix = stagingPrefix(for: destination)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix(while: { $0 != "-" })),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }
}
