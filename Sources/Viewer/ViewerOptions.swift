#if Viewer
import Control
import Foundation
import Simulation
import WorldModel

/// Builds the predictor for the prediction overlay once the environment exists (its labels, bodies, time step).
public typealias PredictionSourceFactory = (Environment) throws -> any PredictionSource

/// Builds the dream (the model alone advancing the world) from the environment and its first observation.
public typealias DreamFactory = (Environment, _ first: Observation) throws -> DreamSession

/// Everything `foresight view` can be asked to do.
public struct ViewerOptions {
    public var spec: WorldSpec
    /// Who drives the robot: a policy, or nil for the keyboard and mouse (teleoperation).
    public var policy: (any Policy)? = ScriptedPolicy()
    /// The prediction overlay's model, if any.
    public var model: PredictionSourceFactory?
    /// Whether that model reads the camera image (a pixel run's latent model), so the session renders it every step.
    public var modelReadsPixels = false
    /// The dream pane's model, if any (F5 shows it), and whether the pane is shown at start.
    public var dream: DreamFactory?
    public var showDream = false
    /// The planner inside `policy` when it plans (`PlannerPolicy.planner`): its plans are drawn as ghosts, the right mouse
    /// button and the wheel set its goal.
    public var planner: BackgroundPlanner?
    public var seed: UInt64 = 0
    /// The prediction horizon k (steps) at start.
    public var horizon = Evaluation.defaultHorizon
    /// The window's initial size in pixels; without a width, the window takes the world's aspect (at least 960).
    public var width: Int?
    public var height = 800
    /// Stop after this many frames (then write `screenshot`, if set).
    public var frames: Int?
    /// Save the last frame's pixels here as PNG, with a JSON sidecar of the projected body centres.
    public var screenshot: URL?
    /// Write every frame here as `frame-00000.png`, ...
    public var record: URL?
    /// Open with the help overlay (H) or the info panel (F2) shown.
    public var showHelp = false
    public var showInfo = false
    /// Open with what the model sees (F7: a slot run's masks over its camera image) shown.
    public var showSight = false

    public init(spec: WorldSpec) {
        self.spec = spec
    }

    /// Whether frames advance simulated time by exactly 1/60 s (reproducible captures) instead of by the wall clock.
    var usesFixedFrameTime: Bool { frames != nil || record != nil }
}
#endif
