import Foundation
import Simulation
import TensorCore

/// Simulates fixed-length episodes of one world with a policy, in parallel.
///
/// Deterministic whatever the thread count: episode `i` draws everything from
/// `RandomStream(seed: seed).split(i)` (the environment is reset with that stream's
/// `split(0)` seed, and a fresh copy of the policy is reset with its `split(1)`), every worker
/// owns its own `Environment`, and results are put back in episode order.
public struct RolloutCollector: Sendable {
    /// The world.
    public let spec: WorldSpec
    /// The observations recorded (`state` is always among them).
    public let observations: ObservationSettings
    /// The policy as given; each episode runs its own copy of it.
    public let policy: any Policy
    /// Control steps per episode, `T`.
    public let stepsPerEpisode: Int
    /// The root seed.
    public let seed: UInt64
    /// Worker threads (at least 1).
    public let threads: Int

    /// Creates a collector; `state` is added to the observation kinds if missing.
    public init(spec: WorldSpec, observations: ObservationSettings, policy: some Policy,
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

    /// Simulates episodes `range` (dataset-wide indices) on `threads` workers and returns them in order.
    ///
    /// `progress` is called (from worker threads, one call at a time) with the number of
    /// episodes of `range` finished so far.
    public func collect(episodes range: Range<Int>,
                        progress: @escaping @Sendable (Int) -> Void = { _ in }) throws -> [EpisodeRecord] {
        let records = Locked([EpisodeRecord?](repeating: nil, count: range.count))
        try collect(episodes: range, progress: progress) { index, record in
            records.withLock { $0[index - range.lowerBound] = record }
        }
        return records.withLock { $0.map { $0! } }
    }

    /// Simulates the episodes of `range` this rank owns (`Communicator.owns`, all of them in a single process) on
    /// `threads` workers, handing each to `deliver` as it is done; returns the warnings about them (`EpisodeWarning`:
    /// bodies left at their nominal poses or off the table), in episode order.
    ///
    /// Workers claim episodes in increasing order; `deliver` runs on the worker that
    /// simulated the episode, concurrently with other workers' calls. The first error
    /// (from an environment or from `deliver`) stops the workers and is rethrown.
    @discardableResult
    public func collect(episodes range: Range<Int>, among communicator: any Communicator = SingleProcess(),
                        progress: @escaping @Sendable (Int) -> Void = { _ in },
                        deliver: @escaping @Sendable (Int, EpisodeRecord) throws -> Void) throws -> [EpisodeWarning] {
        let work = Locked(CollectionWork(next: communicator.firstOwned(from: range.lowerBound), stride: communicator.size))
        let collector = self
        DispatchQueue.concurrentPerform(iterations: min(threads, communicator.ownedCount(of: range))) { _ in
            do {
                let environment = try Environment(spec: collector.spec, observations: collector.observations)
                while let index = work.withLock({ $0.claim(below: range.upperBound) }) {
                    let record = collector.simulate(episode: index, in: environment)
                    let warnings = EpisodeWarning.find(episode: index, record: record, environment: environment)
                    try deliver(index, record)
                    work.withLock { work in
                        work.done += 1
                        work.warnings += warnings
                        progress(work.done)
                    }
                }
            } catch {
                work.withLock { if $0.error == nil { $0.error = error } }
            }
        }
        if let error = work.withLock({ $0.error }) { throw error }
        return work.withLock { $0.warnings.sorted { $0.episode < $1.episode } }
    }

    /// Simulates episode `index` in `environment` (which it resets).
    public func simulate(episode index: Int, in environment: Environment) -> EpisodeRecord {
        let steps = stepsPerEpisode
        let stream = RandomStream(seed: seed).split(index)
        let resetSeed = stream.split(0).seed
        let space = environment.actionSpace
        var (observation, _) = environment.reset(seed: resetSeed)
        var agent = policy
        agent.reset(for: environment, rng: stream.split(1))
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

/// The shared bookkeeping of one `collect` call: the next episode, how many are done, the warnings, the first error.
private struct CollectionWork {
    var next: Int
    /// The step from one claimed episode to the next (the number of ranks).
    let stride: Int
    var done = 0
    var warnings: [EpisodeWarning] = []
    var error: (any Error)?

    /// The next episode to simulate, or nil when all are claimed or a worker failed.
    mutating func claim(below end: Int) -> Int? {
        guard error == nil, next < end else { return nil }
        defer { next += stride }
        return next
    }
}
