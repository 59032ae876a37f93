import Simulation

/// One fixed-length episode as collected, before it goes into a shard.
///
/// Arrays are flat and time-major: `state[t * D + j]` is entry `j` of the state at time `t`
/// (`t` in `0...T`), `actions[t * A + j]` entry `j` of the action of step `t` (`t` in `0..<T`).
public struct EpisodeRecord: Equatable, Sendable {
    /// The seed the environment was reset with.
    public var seed: UInt64
    /// States, `(T + 1) * D` values.
    public var state: [Float]
    /// RGB images, `(T + 1) * H * W * 3` bytes, when pixels are recorded.
    public var pixels: [UInt8]?
    /// Lidar ranges, `(T + 1) * R` values, when lidar is recorded.
    public var lidar: [Float]?
    /// Actions, `T * A` values.
    public var actions: [Float]
    /// Rewards, `T` values.
    public var rewards: [Float]
    /// 1 where the robot touched an object during the step, `T` values.
    public var contacts: [UInt8]
    /// 1 where the environment reported termination, `T` values.
    public var terminated: [UInt8]

    public init(seed: UInt64, state: [Float], pixels: [UInt8]? = nil, lidar: [Float]? = nil,
                actions: [Float], rewards: [Float], contacts: [UInt8], terminated: [UInt8]) {
        self.seed = seed
        self.state = state
        self.pixels = pixels
        self.lidar = lidar
        self.actions = actions
        self.rewards = rewards
        self.contacts = contacts
        self.terminated = terminated
    }

    /// The number of steps in which the robot touched an object.
    public var contactSteps: Int { contacts.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// Checks every array's length against `manifest`; errors name `path` and the field.
    public func check(against manifest: DatasetManifest, path: String) throws {
        let steps = manifest.stepsPerEpisode
        func expect(_ field: String, _ count: Int?, _ expected: Int?) throws {
            guard count != expected else { return }
            throw DatasetError(path: path, field: field, reason: expected == nil
                ? "present but not recorded in this dataset"
                : "expected \(expected!) values, found \(count.map(String.init) ?? "none")")
        }
        func observationCount(_ kind: ObservationKind) -> Int? {
            manifest.observation(kind).map { (steps + 1) * $0.width }
        }
        try expect("obs.state", state.count, observationCount(.state))
        try expect("obs.pixels", pixels?.count, observationCount(.pixels))
        try expect("obs.lidar", lidar?.count, observationCount(.lidar))
        try expect("actions", actions.count, steps * manifest.action.width)
        try expect("rewards", rewards.count, steps)
        try expect("contacts", contacts.count, steps)
        try expect("terminated", terminated.count, steps)
    }
}
