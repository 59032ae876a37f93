import Foundation
import Simulation
import TensorCore

/// What `RolloutCollector.record` wrote.
public struct DatasetRecording: Sendable {
    /// The manifest as written.
    public let manifest: DatasetManifest
    /// The number of episodes in which the robot touched an object at least once.
    public let episodesWithContact: Int
    /// The dataset folder's size on disk (manifest and shards), in bytes.
    public let bytes: Int
    /// What looked wrong in some episodes (bodies left at their nominal poses or off the table), in episode order.
    public let warnings: [EpisodeWarning]
}

extension RolloutCollector {
    /// The manifest of a dataset of `episodes` episodes from this collector (contact fraction still 0).
    ///
    /// Episodes are assigned to shards by count alone, `episodesPerShard` per shard (by default
    /// as many as fit in `ShardLayout.defaultShardBytes`), so the files do not depend on the thread count.
    ///
    /// With `destination`, first refuses (`DatasetBudget`) an episode too large for memory or a dataset too large
    /// for the disk `destination` is on.
    public func manifest(episodes: Int, episodesPerShard: Int? = nil, checkingSpaceAt destination: URL? = nil) throws -> DatasetManifest {
        let environment = try Environment(spec: spec, observations: observations)
        var entries: [String: DatasetManifest.Observation] = [:]
        for kind in observations.kinds {
            guard let space = environment.observationSpaces[kind] else { continue }
            entries[kind.rawValue] = .init(shape: space.shape, labels: kind == .state ? environment.stateLabels : nil)
        }
        let space = environment.actionSpace
        var manifest = DatasetManifest(
            world: spec.name, worldSpec: try JSONValue(encoding: spec), policy: policy.name, seed: seed,
            episodes: episodes, stepsPerEpisode: stepsPerEpisode, controlTimeStep: environment.controlTimeStep,
            observations: entries, action: .init(shape: space.shape, low: space.low, high: space.high),
            bodies: environment.bodies.map { .init(name: $0.name, role: $0.role.rawValue) }, shards: [])
        let bytesPerEpisode = ShardLayout.bytesPerEpisode(of: manifest)
        if let destination {
            try DatasetBudget.check(bytesPerEpisode: bytesPerEpisode, steps: stepsPerEpisode, episodes: episodes, destination: destination)
        }
        let perShard = episodesPerShard ?? ShardLayout.episodesPerShard(bytesPerEpisode: bytesPerEpisode)
        manifest.shards = ShardLayout.plan(episodes: episodes, episodesPerShard: perShard)
        return manifest
    }

    /// Simulates `episodes` episodes and writes them to the dataset folder `url`, shard by shard.
    ///
    /// Fails before simulating anything if `url` holds something and `replaceExisting` is
    /// false. Each episode goes to its shard file as soon as it is simulated, so only the
    /// episodes in flight are in memory. `progress` receives the number of episodes done
    /// so far (from worker threads, one call at a time). `onEpisode` sees each episode after it is written (on the
    /// worker that simulated it; in episode order on one thread). Across the ranks of `communicator`, each simulates
    /// and writes the episodes it owns (and sees only those, with its own warnings) and the files are the same as from
    /// one process.
    @discardableResult
    public func record(episodes: Int, to url: URL, replaceExisting: Bool,
                       episodesPerShard: Int? = nil, communicator: any Communicator = SingleProcess(),
                       progress: @escaping @Sendable (Int) -> Void = { _ in },
                       onEpisode: @escaping @Sendable (Int, EpisodeRecord) throws -> Void = { _, _ in }) throws -> DatasetRecording {
        let manifest = try manifest(episodes: episodes, episodesPerShard: episodesPerShard, checkingSpaceAt: url)
        let writer = try DatasetWriter(destination: url, manifest: manifest, replaceExisting: replaceExisting,
                                       communicator: communicator)
        let warnings = try collect(episodes: 0..<episodes, among: communicator, progress: progress) { index, record in
            try writer.write(episode: index, record)
            try onEpisode(index, record)
        }
        let written = try writer.finish()
        let files = [DatasetManifest.fileName] + written.shards.map(\.file)
        let bytes = files.reduce(0) { total, file in
            let attributes = try? FileManager.default.attributesOfItem(atPath: writer.destination.appendingPathComponent(file).path)
            return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
        }
        return DatasetRecording(manifest: written, episodesWithContact: writer.episodesWithContact, bytes: bytes,
                                warnings: warnings)
    }
}
