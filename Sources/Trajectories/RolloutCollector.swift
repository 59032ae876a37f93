import Foundation
import Simulation
import TensorCore

/// Simulates fixed-length episodes of one world with a data-collection policy, in parallel.
///
/// Deterministic whatever the thread count: episode `i` draws everything from
/// `RandomStream(seed: seed).split(i)` (the environment is reset with that stream's
/// `split(0)` seed and the policy draws from its `split(1)`), every worker owns its own
/// `Environment`, and results are put back in episode order.
public struct RolloutCollector: Sendable {
    /// The world.
    public let spec: WorldSpec
    /// The observations recorded (`state` is always among them).
    public let observations: ObservationSettings
    /// The data-collection policy.
    public let policy: PolicyKind
    /// Control steps per episode, `T`.
    public let stepsPerEpisode: Int
    /// The root seed.
    public let seed: UInt64
    /// Worker threads (at least 1).
    public let threads: Int

    /// Creates a collector; `state` is added to the observation kinds if missing.
    public init(spec: WorldSpec, observations: ObservationSettings, policy: PolicyKind,
                stepsPerEpisode: Int, seed: UInt64, threads: Int) {
        precondition(stepsPerEpisode > 0, "stepsPerEpisode must be positive")
        var observations = observations
        observations.kinds.insert(.state)
        self.spec = spec
        self.observations = observations
        self.policy = policy
        self.stepsPerEpisode = stepsPerEpisode
        self.seed = seed
        self.threads = max(1, threads)
    }

    /// The seed episode `index`'s environment is reset with.
    public func resetSeed(episode index: Int) -> UInt64 {
        RandomStream(seed: seed).split(index).split(0).seed
    }

    /// Simulates episodes `range` (dataset-wide indices) on `threads` workers, in episode order.
    ///
    /// `progress` is called (from worker threads, one call at a time) with the number of
    /// episodes of `range` finished so far.
    public func collect(episodes range: Range<Int>,
                        progress: @escaping @Sendable (Int) -> Void = { _ in }) throws -> [EpisodeRecord] {
        let work = CollectionWork(range: range)
        let workers = min(threads, range.count)
        let collector = self
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do {
                let environment = try Environment(spec: collector.spec, observations: collector.observations)
                while let index = work.claim() {
                    work.complete(index, collector.simulate(episode: index, in: environment), progress: progress)
                }
            } catch {
                work.fail(error)
            }
        }
        return try work.results()
    }

    /// Simulates episode `index` in `environment` (which it resets).
    public func simulate(episode index: Int, in environment: Environment) -> EpisodeRecord {
        let steps = stepsPerEpisode
        let stream = RandomStream(seed: seed).split(index)
        let resetSeed = stream.split(0).seed
        var agent = policy.make(spec: spec, rng: stream.split(1))
        let space = environment.actionSpace
        var (observation, _) = environment.reset(seed: resetSeed)
        var record = EpisodeRecord(seed: resetSeed, state: [], actions: [], rewards: [], contacts: [], terminated: [])
        record.state.reserveCapacity((steps + 1) * observation.state.count)
        record.actions.reserveCapacity(steps * space.low.count)
        if observation.pixels != nil { record.pixels = [] }
        if observation.lidar != nil { record.lidar = [] }
        record.pixels?.reserveCapacity((steps + 1) * (observation.pixels?.count ?? 0))
        record.lidar?.reserveCapacity((steps + 1) * (observation.lidar?.count ?? 0))
        record.append(observation)
        for _ in 0..<steps {
            var action = agent.action(for: observation, in: environment)
            for j in action.indices { action[j] = min(max(action[j], space.low[j]), space.high[j]) }
            let result = environment.step(action)
            record.actions += action
            record.rewards.append(Float(result.reward))
            record.contacts.append(result.info.contact ? 1 : 0)
            record.terminated.append(result.terminated ? 1 : 0)
            observation = result.observation
            record.append(observation)
        }
        return record
    }
}

extension EpisodeRecord {
    /// Appends one observation's recorded kinds.
    mutating func append(_ observation: Observation) {
        state += observation.state
        if let pixels = observation.pixels { self.pixels? += pixels }
        if let lidar = observation.lidar { self.lidar? += lidar }
    }
}

/// The shared bookkeeping of one `collect` call: which episode is next, the results, the first error.
private final class CollectionWork: @unchecked Sendable {
    private let lock = NSLock()
    private let range: Range<Int>
    private var next: Int
    private var done = 0
    private var records: [EpisodeRecord?]
    private var error: (any Error)?

    init(range: Range<Int>) {
        self.range = range
        self.next = range.lowerBound
        self.records = Array(repeating: nil, count: range.count)
    }

    /// The next episode to simulate, or nil when all are claimed or a worker failed.
    func claim() -> Int? {
        lock.withLock {
            guard error == nil, next < range.upperBound else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// Stores episode `index` and reports how many episodes are done.
    func complete(_ index: Int, _ record: EpisodeRecord, progress: (Int) -> Void) {
        lock.withLock {
            records[index - range.lowerBound] = record
            done += 1
            progress(done)
        }
    }

    func fail(_ failure: any Error) {
        lock.withLock { if error == nil { error = failure } }
    }

    /// The episodes in order, or the first error.
    func results() throws -> [EpisodeRecord] {
        try lock.withLock {
            if let error { throw error }
            return records.map { $0! }
        }
    }
}
