#if Viewer
import Simulation
import TensorCore
import WorldModel

/// The simulation side of the viewer: the environment, who drives it, the fixed-rate clock, and the
/// prediction tracker. Knows nothing about windows or pixels.
public final class ViewerSession {
    public let environment: Environment
    /// The policy's name, or `teleop` when the keyboard and mouse drive.
    public let policyName: String
    /// The seed of the current episode.
    public private(set) var seed: UInt64
    public private(set) var observation: Observation
    public private(set) var lastInfo: StepInfo
    /// Episodes started so far (the first is 1).
    public private(set) var episodes = 0
    public var paused = false
    /// Simulated seconds per real second: 1, or a power of two set with `faster` / `slower`.
    public private(set) var speed = 1.0
    /// Where the keyboard steers the tool (teleop), in metres.
    public private(set) var teleopTarget: SIMD2<Double>
    /// Where the mouse pulls the tool while its button is held, in metres.
    public var pointerTarget: SIMD2<Double>?
    public private(set) var tracker: PredictionTracker
    public let predictor: (any PredictionSource)?
    /// The names of the tracked bodies (robot parts, objects) in prediction order.
    public let trackedNames: [String]
    /// Reads the tracked bodies' poses out of a state.
    public let layout: StateReadout
    /// The driving policy, reset at every episode start; nil for teleoperation.
    private var policy: (any Policy)?
    /// The driving policy's status line (a planner's time per plan), nil for none or teleoperation.
    public var policyStatus: String? { policy?.status }
    private var accumulator = 0.0
    /// Control steps taken in the last `advance`.
    public private(set) var stepsLastAdvance = 0
    /// The model's dream of this world, advanced with every real step and re-synced at every episode start.
    public var dream: DreamSession?

    /// The most control steps one frame may run; beyond it the viewer slows down instead of falling behind.
    static let maxStepsPerFrame = 64
    /// How fast held steering keys move the teleop target (m/s of simulated time).
    static let steeringSpeed = 0.35

    /// A session on `spec` driven by `policy` (nil: teleoperation) from the episode with `seed`; its observations hold the
    /// camera image (at the world's size) only when `observesPixels` (a pixel model's overlay reads it).
    public init(spec: WorldSpec, policy: (any Policy)?, seed: UInt64, model: PredictionSourceFactory?, horizon: Int,
                observesPixels: Bool = false) throws {
        let settings = ObservationSettings(spec: spec)
        var kinds = settings.kinds
        if observesPixels { kinds.insert(.pixels) } else { kinds.remove(.pixels) }
        kinds.insert(.state)
        environment = try Environment(spec: spec, observations: ObservationSettings(kinds: kinds, pixelSize: settings.pixelSize))
        self.policy = policy
        policyName = policy?.name ?? Self.teleopName
        self.seed = seed
        trackedNames = environment.bodies.map(\.name)
        layout = try StateReadout(labels: environment.stateLabels, bodyNames: trackedNames, purpose: "viewer")
        predictor = try model?(environment)
        tracker = PredictionTracker(horizon: horizon)
        let first = environment.reset(seed: seed)
        observation = first.observation
        lastInfo = first.info
        teleopTarget = environment.toolPosition
        startEpisode()
    }

    /// Starts a new episode with the next seed (R, or when an episode ends).
    public func reset() {
        seed &+= 1
        let first = environment.reset(seed: seed)
        observation = first.observation
        lastInfo = first.info
        teleopTarget = environment.toolPosition
        startEpisode()
    }

    private func startEpisode() {
        episodes += 1
        accumulator = 0
        policy?.reset(for: environment, rng: Self.policyStream(seed: seed))
        tracker.restart(observation: observation, poses: layout.poses(in: observation.state))
        dream?.sync(to: observation)
    }

    /// Runs the control steps that `seconds` of real time at the current speed amount to (none while paused).
    public func advance(realSeconds seconds: Double, steering: SIMD2<Double>) {
        stepsLastAdvance = 0
        moveTeleopTarget(by: steering * Self.steeringSpeed * seconds * speed)
        guard !paused else { return }
        accumulator += seconds * speed
        let dt = environment.controlTimeStep
        // The epsilon keeps sums of frame times like 60 × 1/60 s from falling just short of a step.
        var steps = Int(accumulator / dt + 1e-9)
        if steps > Self.maxStepsPerFrame {
            steps = Self.maxStepsPerFrame
            accumulator = 0
        } else {
            accumulator = max(0, accumulator - Double(steps) * dt)
        }
        for _ in 0..<steps { takeStep() }
        if steps > 0 { updatePrediction() }
    }

    /// One control step, whatever the pause state (the right arrow while paused).
    public func step() {
        stepsLastAdvance = 0
        takeStep()
        updatePrediction()
    }

    private func takeStep() {
        let action = nextAction(), before = observation.state
        let result = environment.step(action)
        teachLearning(state: before, action: action, next: result.observation.state)
        stepsLastAdvance += 1
        observation = result.observation
        lastInfo = result.info
        tracker.record(action: action, observation: observation, poses: layout.poses(in: observation.state))
        dream?.advance(action: action, reality: observation)
        if result.terminated || result.truncated { reset() }
    }

    /// The mouse wins while held; otherwise teleop steers toward its target and the policies choose.
    private func nextAction() -> [Float] {
        if let pointerTarget { return environment.actionToward(pointerTarget) }
        return policy?.action(for: observation, in: environment) ?? environment.actionToward(teleopTarget)
    }

    private func moveTeleopTarget(by delta: SIMD2<Double>) {
        guard delta != .zero else { return }
        let half = environment.spec.table.size / 2
        teleopTarget = (teleopTarget + delta).clamped(lowerBound: -half, upperBound: half)
    }

    /// Whether the keyboard and mouse drive (no policy).
    public var isTeleoperated: Bool { policy == nil }

    /// The name the status bar shows when the keyboard and mouse drive.
    public static let teleopName = "teleop"

    /// The random stream the policy is reset with for the episode with `seed`.
    public static func policyStream(seed: UInt64) -> RandomStream { RandomStream(seed: seed).split(1) }

    /// Doubles the speed (up to 32×).
    public func faster() { speed = min(speed * 2, 32) }
    /// Halves the speed (down to 1/32×).
    public func slower() { speed = max(speed / 2, 1.0 / 32) }

    /// Changes the prediction horizon by `delta` steps and recomputes the prediction.
    public func changeHorizon(by delta: Int) {
        tracker.setHorizon(tracker.horizon + delta)
        updatePrediction()
    }

    private func updatePrediction() {
        if let predictor { tracker.update(using: predictor) }
    }

    /// Seconds of simulated time in the current episode.
    public var simulatedTime: Double { Double(environment.stepCount) * environment.controlTimeStep }
}
#endif
