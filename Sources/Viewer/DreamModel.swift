#if Viewer
import Simulation
import TensorCore
import WorldModel

/// What a dream advances: a model's own picture of the world, set from reality and moved on by actions alone.
public protocol DreamModel {
    /// Takes reality's `observation` as the picture to dream on from.
    mutating func sync(to observation: Observation)
    /// Moves the picture one control step under `action`, without looking at reality.
    mutating func advance(action: [Float])
    /// The bodies' poses in the picture, in the environment's body order.
    var poses: [BodyPose] { get }
}

/// A state-space forward model's dream: the state vector rolled one `Rollout` step per control step.
public struct StateDream: DreamModel {
    /// The dreamed state vector, in the environment's state layout.
    public private(set) var state: [Float]
    private var rollout: Rollout<ForwardModel>
    private let layout: StateReadout
    private var start: Matrix, action: Matrix, states = Matrix(rows: 0, cols: 0)

    /// A dream of `model` (whose state layout is that of `layout`'s environment, with `actionSize` actions) from `state`.
    public init(model: ForwardModel, layout: StateReadout, actionSize: Int, state: [Float]) {
        rollout = Rollout(model: model)
        self.layout = layout
        self.state = state
        start = Matrix(rows: 1, cols: state.count)
        action = Matrix(rows: 1, cols: actionSize)
    }

    public mutating func sync(to observation: Observation) { state = observation.state }

    public mutating func advance(action applied: [Float]) {
        start.storage.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: state) }
        action.storage.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: applied) }
        rollout.run(starts: start, actions: action, into: &states)
        state = states.row(1)
    }

    public var poses: [BodyPose] { layout.poses(in: state) }
}
#endif
