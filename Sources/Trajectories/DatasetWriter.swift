import Foundation
import TensorCore

/// Writes a dataset folder so that it only ever appears complete.
///
/// Shards go into a hidden staging folder beside the destination
/// (`.NAME.partial-PID-XXXXXXXX`); `finish()` writes the manifest last and then renames
/// the staging folder into place. An interrupted run therefore leaves at most a hidden
/// staging folder (removed by the next writer for the same destination) and never a
/// folder with a manifest that does not match its shards. An existing non-empty
/// destination is only replaced when `replaceExisting` is set, and only if it looks like
/// a dataset, so `--force` cannot wipe an unrelated folder.
///
/// Episodes may be written from several threads at once and in any order: each goes
/// straight to its place in its shard file (see `ShardFile`). A completed shard is flushed
/// to disk and checksummed (CRC-32, recorded in the manifest) in the background;
/// `finish()` waits for that before writing the manifest.
///
/// Across the ranks of a job (`communicator`), every rank holds a writer for the same staging
/// folder and writes the episodes it owns (`Communicator.owns`): rank 0 creates the staging folder
/// and every shard file up front, and after the others have flushed their episodes it checksums the
/// shards, writes the manifest and renames the folder into place. The files are the same whatever
/// the number of ranks (staging must be on a file system every rank sees).
public final class DatasetWriter: @unchecked Sendable {
    /// The dataset folder being written.
    public let destination: URL
    /// The planned manifest (its `contactFraction` is filled in by `finish()`).
    public let manifest: DatasetManifest
    /// The hidden folder the shards are written to until `finish()`.
    public let staging: URL
    private let replaceExisting: Bool
    private let communicator: any Communicator
    private let state = Locked(WriteState())
    /// Flushes completed shards to disk in the background, so workers keep simulating.
    private let flushing = DispatchQueue(label: "foresight.dataset-writer.flush")
    private var finished = false

    /// What has been written so far.
    private struct WriteState {
        var openShards: [Int: ShardFile] = [:]
        var episodesLeft: [Int] = []
        var written: [Bool] = []
        var contactSteps = 0
        var episodesWithContact = 0
        var checksums: [Int: UInt32] = [:]
        var flushError: (any Error)?
    }

    /// Prepares to write `manifest`'s shards to `destination`, this rank's episodes of them.
    ///
    /// Fails early, before any simulation, if `destination` exists, is not empty and
    /// `replaceExisting` is false, or if it is not a dataset folder (checked by rank 0).
    public init(destination: URL, manifest: DatasetManifest, replaceExisting: Bool,
                communicator: any Communicator = SingleProcess()) throws {
        let destination = destination.standardizedFileURL
        try manifest.validate(path: destination.appendingPathComponent(DatasetManifest.fileName).path)
        self.destination = destination
        self.manifest = manifest
        self.replaceExisting = replaceExisting
        self.communicator = communicator
        var stagingPath: [UInt8] = []
        if communicator.isLeader {
            let staging = try Self.createStaging(for: destination, replaceExisting: replaceExisting)
            StagedFiles.register(staging)
            stagingPath = Array(staging.path.utf8)
        }
        try communicator.broadcast(&stagingPath, from: 0)
        staging = URL(fileURLWithPath: String(decoding: stagingPath, as: UTF8.self))
        state.withLock {
            $0.episodesLeft = manifest.shards.map { communicator.ownedCount(of: $0.firstEpisode..<($0.firstEpisode + $0.episodes)) }
            $0.written = Array(repeating: false, count: manifest.episodes)
        }
        if communicator.isLeader && communicator.size > 1 {
            for shard in manifest.shards { _ = try makeShardFile(shard, creating: true) }
        }
        try communicator.barrier()
    }

    /// Checks that `destination` may be written and creates a fresh hidden staging folder beside it.
    private static func createStaging(for destination: URL, replaceExisting: Bool) throws -> URL {
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
        return staging
    }

    deinit {
        if !finished && communicator.isLeader { discard() }
    }

    /// The number of episodes written so far in which the robot touched an object.
    public var episodesWithContact: Int { state.withLock { $0.episodesWithContact } }

    /// Writes episode `index` (dataset-wide); safe to call from several threads at once.
    public func write(episode index: Int, _ record: EpisodeRecord) throws {
        guard (0..<manifest.episodes).contains(index) else {
            throw DatasetError(path: destination.path, field: "episodes",
                               reason: "no episode \(index) (the dataset has \(manifest.episodes))")
        }
        guard communicator.owns(index) else {
            throw DatasetError(path: destination.path, field: "episodes[\(index)]",
                               reason: "belongs to rank \(index % communicator.size), not to rank \(communicator.rank)")
        }
        let shardIndex = manifest.shardIndex(holding: index)
        let shard = manifest.shards[shardIndex]
        let path = destination.appendingPathComponent(shard.file).path
        do {
            try record.check(against: manifest, path: path)
        } catch let error as DatasetError {
            throw DatasetError(path: error.path, field: "episodes[\(index)]" + (error.field.map { ".\($0)" } ?? ""),
                               reason: error.reason)
        }
        let file: ShardFile = try state.withLock { state in
            guard !state.written[index] else {
                throw DatasetError(path: path, field: "episodes[\(index)]", reason: "written twice")
            }
            state.written[index] = true
            if let file = state.openShards[shardIndex] { return file }
            let file = try makeShardFile(shard, creating: communicator.size == 1)
            state.openShards[shardIndex] = file
            return file
        }
        try file.write(record, local: index - shard.firstEpisode)
        let complete: ShardFile? = state.withLock { state in
            state.contactSteps += record.contactSteps
            state.episodesWithContact += record.contactSteps > 0 ? 1 : 0
            state.episodesLeft[shardIndex] -= 1
            guard state.episodesLeft[shardIndex] == 0 else { return nil }
            return state.openShards.removeValue(forKey: shardIndex)
        }
        guard let complete else { return }
        let checksummed = communicator.size == 1
        flushing.async { [state] in
            do {
                try complete.synchronize()
                guard checksummed else { return }
                let checksum = try CRC32.checksum(ofFile: complete.url)
                state.withLock { $0.checksums[shardIndex] = checksum }
            } catch {
                state.withLock { $0.flushError = $0.flushError ?? error }
            }
        }
    }

    /// Writes every episode of shard number `index`, in order.
    public func write(shard index: Int, episodes: [EpisodeRecord]) throws {
        guard manifest.shards.indices.contains(index) else {
            throw DatasetError(path: destination.path, field: "shards",
                               reason: "no shard \(index) (the plan has \(manifest.shards.count))")
        }
        let shard = manifest.shards[index]
        guard episodes.count == shard.episodes else {
            throw DatasetError(path: destination.appendingPathComponent(shard.file).path, field: "episodes",
                               reason: "expected \(shard.episodes) episodes, got \(episodes.count)")
        }
        for (offset, record) in episodes.enumerated() {
            try write(episode: shard.firstEpisode + offset, record)
        }
    }

    /// Writes the manifest (with the contact fraction) and moves the dataset into place.
    ///
    /// Every rank calls it; it returns on every rank once the dataset is in place. Returns the
    /// manifest as written (without the checksums on ranks other than 0).
    @discardableResult
    public func finish() throws -> DatasetManifest {
        precondition(!finished, "DatasetWriter.finish called twice")
        flushing.sync {}
        let (left, ownCounts, checksums, flushError) = state.withLock {
            ($0.episodesLeft, [Double($0.contactSteps), Double($0.episodesWithContact)], $0.checksums, $0.flushError)
        }
        if let flushError { throw flushError }
        if let missing = left.firstIndex(where: { $0 > 0 }) {
            throw DatasetError(path: destination.appendingPathComponent(manifest.shards[missing].file).path,
                               reason: "\(left[missing]) of its \(manifest.shards[missing].episodes) episodes were never written")
        }
        var counts = ownCounts
        try communicator.allreduceSum(&counts)
        state.withLock {
            $0.contactSteps = Int(counts[0])
            $0.episodesWithContact = Int(counts[1])
        }
        var written = manifest
        written.contactFraction = counts[0] / Double(manifest.episodes * manifest.stepsPerEpisode)
        if communicator.isLeader {
            for (index, shard) in written.shards.enumerated() {
                written.shards[index].crc32 = try checksums[index] ?? CRC32.checksum(ofFile: staging.appendingPathComponent(shard.file))
            }
            try AtomicFile.write(try written.encoded(), to: staging.appendingPathComponent(DatasetManifest.fileName))
            try install()
            StagedFiles.unregister(staging)
        }
        finished = true
        try communicator.barrier()
        return written
    }

    /// The file of `shard` in the staging folder: created with its header, or opened to write episodes into.
    private func makeShardFile(_ shard: DatasetManifest.Shard, creating: Bool) throws -> ShardFile {
        try ShardFile(url: staging.appendingPathComponent(shard.file),
                      displayPath: destination.appendingPathComponent(shard.file).path,
                      manifest: manifest, episodes: shard.episodes, metadata: shardMetadata(shard), creating: creating)
    }

    /// The `__metadata__` of a shard: format, version, world and first episode, so a lone shard still says what it is.
    private func shardMetadata(_ shard: DatasetManifest.Shard) -> [String: String] {
        ["format": "foresight-dataset-shard", "format_version": String(manifest.formatVersion),
         "world": manifest.world, "first_episode": String(shard.firstEpisode)]
    }

    /// Removes the staging folder and everything written so far (the destination is untouched).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        StagedFiles.unregister(staging)
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
