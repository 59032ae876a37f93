/// A Gymnasium-style environment over one world: `reset(seed:)`, then `step(_:)` with actions.
///
/// Each reset builds a fresh Chipmunk space from the spec and the seed (domain randomisation drawn
/// from a `RandomStream` of that seed), so the same seed and actions give bit-identical observations.
/// Not thread-safe: use one environment per thread.
public final class Environment {
    /// The world this environment simulates.
    public let spec: WorldSpec
    /// The observations produced at each step.
    public let settings: ObservationSettings
    /// Bounds of the action vector.
    public let actionSpace: BoxSpace
    /// Names of the action entries.
    public let actionLabels: [String]
    /// Bounds of each observation kind produced.
    public let observationSpaces: [ObservationKind: BoxSpace]
    /// One label per state entry, `<body>.<field>`: for each body (robot first) `x`, `y` (m), `cos`, `sin`
    /// (heading), `vx`, `vy` (m/s, of the body origin), `omega` (rad/s); then, for an arm,
    /// `<link>.joint_angle` (rad) and `<link>.joint_velocity` (rad/s) relative to the parent link.
    public let stateLabels: [String]
    /// The bodies of the state vector, robot first.
    public let bodies: [BodyInfo]
    /// Seconds of simulated time per `step` (physics time step × substeps).
    public var controlTimeStep: Double { spec.physics.controlTimeStep }

    var episode: Episode
    let rasterizer: Rasterizer?
    /// The checked action of the current step (reused buffer).
    private var command: [Float]
    /// Control steps since the last reset.
    public internal(set) var stepCount = 0

    /// Creates an environment and resets it with seed 0.
    ///
    /// - Throws: `EnvironmentError` when the settings ask for something the world lacks (a lidar)
    ///   or an image size out of range.
    public init(spec: WorldSpec, observations: ObservationSettings) throws {
        if observations.kinds.contains(.lidar), spec.observation.lidar == nil {
            throw EnvironmentError.noLidar(world: spec.name)
        }
        if observations.kinds.contains(.pixels), !(4...2048).contains(observations.pixelSize) {
            throw EnvironmentError.pixelSize(observations.pixelSize)
        }
        self.spec = spec
        settings = observations
        actionSpace = spec.actionSpace
        actionLabels = spec.actionLabels
        command = actionSpace.low
        episode = Episode(spec: spec, seed: 0)
        rasterizer = observations.kinds.contains(.pixels)
            ? Rasterizer(size: observations.pixelSize, tableSize: spec.table.size) : nil
        bodies = episode.bodies.map { BodyInfo(name: $0.name, role: $0.role) }
        stateLabels = episode.stateLabels
        observationSpaces = Environment.spaces(spec: spec, settings: observations, episode: episode)
    }

    /// Starts a new episode drawn from `seed`; returns the first observation.
    @discardableResult
    public func reset(seed: UInt64) -> (observation: Observation, info: StepInfo) {
        episode = Episode(spec: spec, seed: seed)
        stepCount = 0
        let coverage = episode.goalCoverage()
        let info = StepInfo(contact: false, success: coverage.map { $0 > (spec.goal?.successCoverage ?? 1) } ?? false,
                            coverage: coverage)
        return (observe(), info)
    }

    /// Advances one control step with `action` (clamped to `actionSpace`).
    ///
    /// An action with a non-finite entry is rejected: the robot gets its neutral action instead and
    /// `info.actionRejected` is set, so NaN never reaches Chipmunk. The action must have
    /// `actionSpace.shape[0]` entries.
    public func step(_ action: [Float]) -> StepResult {
        precondition(action.count == actionSpace.low.count,
                     "action has \(action.count) entries, the action space \(actionSpace.low.count)")
        let finite = action.allSatisfy(\.isFinite)
        if finite {
            for i in action.indices { command[i] = min(max(action[i], actionSpace.low[i]), actionSpace.high[i]) }
        } else {
            command = episode.robot.neutralAction
        }
        let contact = episode.advance(command)
        stepCount += 1
        let coverage = episode.goalCoverage()
        let success = coverage.map { $0 > (spec.goal?.successCoverage ?? 1) } ?? false
        return StepResult(observation: observe(), reward: coverage ?? 0, terminated: success,
                          truncated: stepCount >= spec.episode.maxSteps,
                          info: StepInfo(contact: contact, success: success, coverage: coverage,
                                         actionRejected: !finite))
    }

    /// The action that moves the robot's tool (pusher, arm tip, drive centre) toward a world point.
    public func actionToward(_ target: SIMD2<Double>) -> [Float] {
        episode.robot.actionToward(target)
    }

    /// The action that keeps the robot where it is (pusher: its position; arm and drive: zero speeds).
    public var neutralAction: [Float] { episode.robot.neutralAction }

    /// The world position of the robot's tool (pusher centre, arm tip, drive centre).
    public var toolPosition: SIMD2<Double> { episode.robot.toolPosition }

    /// The current pose of every object, in `spec.objects` order.
    public var objectPoses: [Pose] {
        episode.objects.map { Pose(position: $0.position, angle: $0.angle) }
    }

    /// The objects of this episode that pose randomisation could not place (no free pose in the region after
    /// 100 tries), which start at their nominal poses instead.
    public var unplacedObjects: [String] { episode.unplacedObjects }

    /// The radius of each object's bounding circle about its origin (m), with this episode's size scale.
    public var objectExtents: [Double] { episode.objects.map(\.extent) }

    /// Runs `controlSteps × substeps` bare `cpSpaceStep` calls on the current scene: no control,
    /// speed caps, contacts or observations. The limit `foresight bench sim` compares `step` against.
    public func stepPhysicsOnly(controlSteps: Int) {
        episode.stepPhysicsOnly(count: controlSteps * spec.physics.substeps)
    }
}

/// Why an environment could not be created.
public enum EnvironmentError: Error, CustomStringConvertible, Equatable {
    /// Lidar observations were asked for in a world without a lidar.
    case noLidar(world: String)
    /// The image size is out of range.
    case pixelSize(Int)
    /// A snapshot was restored into an environment of another world (or another version of it).
    case snapshotWorld(snapshot: String, environment: String)

    /// A sentence naming the problem.
    public var description: String {
        switch self {
        case let .noLidar(world): return "world '\(world)' has no lidar (observation.lidar in its file)"
        case let .pixelSize(size): return "pixel size \(size) is out of range (expected 4...2048)"
        case let .snapshotWorld(snapshot, environment):
            return "the snapshot was taken in world '\(snapshot)', not in this environment's world '\(environment)'"
        }
    }
}
