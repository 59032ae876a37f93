import ArgumentParser
import Foundation
import Simulation
import TensorCore
import Trajectories
import WorldModel

/// `foresight simulate`: simulate episodes of a world and write them as a dataset.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate episodes of a world and write them as a dataset (manifest.json + safetensors shards).",
        discussion: """
            Episodes have a fixed length: observations [E, T+1, ...], actions [E, T, A], rewards, \
            contacts. The state is always recorded. The dataset is bit-identical for the same seed \
            whatever --threads, and appears only when complete (shards go to a hidden staging \
            folder, the manifest is written last, then the folder is renamed into place). \(DistributedJob.help)
            """)

    @Argument(help: "A built-in world (push, arm, diffdrive, push-tee) or the path of a world YAML file.")
    var world: String

    @Option(help: "Number of episodes.")
    var episodes: Int = 100

    @Option(help: "Control steps per episode (T).")
    var steps: Int = 50

    @Option(help: "Data-collection policy: \(BuiltInPolicies.names.joined(separator: ", ")) or curious (where an ensemble learned online disagrees most).")
    var policy: String = RandomPolicy().name

    @OptionGroup var learning: SimulateLearningOptions

    @Option(help: "Observations to record, comma-separated: state, pixels, lidar (state is always recorded).")
    var observe: String = ObservationKind.state.rawValue

    @Option(help: "Side of the square images, in pixels (default: the world's).")
    var pixelSize: Int?

    @Option(help: "Root seed.")
    var seed: UInt64 = 0

    @Option(help: "The dataset folder to write.")
    var out: String

    @Flag(help: "Replace an existing dataset at --out.")
    var force = false

    @Option(help: "Worker threads (default: all cores, shared among the MPI ranks on a machine).")
    var threads: Int?

    @Option(help: "Episodes per shard file (default: as many as fit in 64 MiB).")
    var episodesPerShard: Int?

    func validate() throws {
        guard episodes > 0 else { throw ValidationError("--episodes must be positive (got \(episodes))") }
        guard steps > 0 else { throw ValidationError("--steps must be positive (got \(steps))") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive (got \(threads))") }
        if let episodesPerShard, episodesPerShard <= 0 {
            throw ValidationError("--episodes-per-shard must be positive (got \(episodesPerShard))")
        }
        if !learning.learns(policy: policy) { _ = try policyValue() }
        _ = try observationKinds()
    }

    func run() throws {
        try DistributedJob.run(run(communicator:))
    }

    /// Simulates this rank's episodes; rank 0 reports.
    private func run(communicator: any Communicator) throws {
        let spec = try WorldSpec.named(world)
        var settings = ObservationSettings(kinds: try observationKinds(), pixelSize: spec.observation.pixelSize)
        if let pixelSize { settings.pixelSize = pixelSize }
        // Learning between episodes keeps them in order on one thread, so the data stays the same for a seed.
        let learns = learning.learns(policy: policy)
        if learns && communicator.size > 1 {
            throw ValidationError("online learning (--policy curious, --learn-save) runs in one process, not on \(communicator.size) ranks")
        }
        let learner = learns ? try learning.episodeLearner(spec: spec, seed: seed) : nil
        let threads = learner != nil ? 1 : threads ?? DistributedJob.threadsPerRank
        let chosen = try learner.map { try learning.policy(named: policy, learner: $0) } ?? policyValue()
        let collector = RolloutCollector(spec: spec, observations: settings, policy: chosen,
                                         stepsPerEpisode: steps, seed: seed, threads: threads)
        let owned = communicator.ownedCount(of: 0..<episodes)
        let bar = communicator.isLeader ? ProgressBar(label: "simulate \(spec.name)", total: owned, unit: "episodes") : nil
        let started = ProcessInfo.processInfo.systemUptime
        let recording = try collector.record(episodes: episodes, to: URL(fileURLWithPath: out), replaceExisting: force,
                                             episodesPerShard: episodesPerShard, communicator: communicator,
                                             progress: { bar?.update(completed: $0) },
                                             onEpisode: { _, episode in try learner?.learn(from: episode) })
        bar?.finish(completed: owned)
        EpisodeWarning.report(recording.warnings)
        let seconds = ProcessInfo.processInfo.systemUptime - started
        guard communicator.isLeader else { return }
        print(Self.report(recording, folder: out, seconds: seconds, threads: threads, ranks: communicator.size))
        if let learner { print(try learning.finish(learner)) }
    }

    /// The summary printed on stdout.
    static func report(_ recording: DatasetRecording, folder: String, seconds: Double, threads: Int, ranks: Int = 1) -> String {
        let manifest = recording.manifest
        let kinds = manifest.observationKinds.map(\.rawValue).joined(separator: ",")
        let steps = manifest.episodes * manifest.stepsPerEpisode
        return """
            wrote \(folder): \(manifest.episodes) episodes x \(manifest.stepsPerEpisode) steps of \(manifest.world) \
            (\(manifest.policy) policy, seed \(manifest.seed), observations \(kinds)) in \(manifest.shards.count) \
            shard\(manifest.shards.count == 1 ? "" : "s"), \(String(format: "%.1f", seconds)) s on \(threads) thread\(threads == 1 ? "" : "s")\(ranks > 1 ? " on each of \(ranks) ranks" : "")
            contact fraction: \(String(format: "%.4f", manifest.contactFraction)) \
            (\(Int((manifest.contactFraction * Double(steps)).rounded())) of \(steps) steps with robot-object contact; \
            \(recording.episodesWithContact) of \(manifest.episodes) episodes have some)
            dataset size: \(DatasetBudget.describe(recording.bytes)) (\(recording.bytes) bytes)
            """
    }

    private func policyValue() throws -> any Policy {
        do { return try BuiltInPolicies.named(policy) } catch { throw ValidationError("--policy: \(error)") }
    }

    private func observationKinds() throws -> Set<ObservationKind> {
        try OptionChoice.parseList(observe, option: "--observe").union([.state])
    }
}
