#if Viewer
import Foundation
import Simulation
import TensorCore
import WorldModel

/// The world as the model alone imagines it: a state advanced by a forward model from the actions applied
/// to reality, never corrected except when re-synced, and how far its blocks drift from the real ones.
///
/// One `Rollout` step per control step (N = 1), so `k` advances equal one `Rollout` over the same `k` actions.
public struct DreamSession {
    /// A short name for the HUD (the run folder and the model, `tee state.pc`).
    public let name: String
    /// A remark on what the dream is made of, shown in its pane (a pixel run dreams with its state model).
    public let note: String?
    /// The dreamed state vector, in the environment's state layout.
    public private(set) var state: [Float]
    /// Control steps dreamed since the last sync.
    public private(set) var stepsSinceSync = 0
    /// The divergence after each dreamed step, oldest first, at most `PredictionTracker.errorCapacity`.
    public private(set) var divergences: [Double] = []
    private var rollout: Rollout<ForwardModel>
    /// Reads the environment's bodies (in its order) out of a state.
    private let layout: StateReadout
    /// The bodies whose position error is the divergence: the objects, or every body in a world without any.
    private let measured: [Int]
    private var start: Matrix, action: Matrix, states = Matrix(rows: 0, cols: 0)

    /// A dream of `model` (whose state layout is `environment`'s) starting from `state`.
    public init(model: ForwardModel, name: String, note: String? = nil, environment: Environment, state: [Float]) throws {
        self.name = name
        self.note = note
        rollout = Rollout(model: model)
        layout = try StateReadout(labels: environment.stateLabels, bodyNames: environment.bodies.map(\.name), purpose: "dream")
        let objects = environment.bodies.indices.filter { environment.bodies[$0].role == .object }
        measured = objects.isEmpty ? Array(environment.bodies.indices) : objects
        self.state = state
        start = Matrix(rows: 1, cols: state.count)
        action = Matrix(rows: 1, cols: environment.actionSpace.low.count)
    }

    /// The dream of run `run`'s state-space forward model for `environment`, from `state`; errors name the run and what
    /// does not fit. A run of another input (pixels, lidar, fused) dreams with its state model too: its checkpoint keeps
    /// no decoder from latents to poses.
    public init(run: URL, environment: Environment, state: [Float]) throws {
        let predictor = try PositionPredictor.checked(run: run, for: environment)
        let input = predictor.record.config.input
        let note = input == .state ? nil : "\(input.rawValue) run: no pose decoder for its latents is stored, so its state model dreams"
        try self.init(model: predictor.model, name: "\(run.deletingPathExtension().lastPathComponent) \(predictor.modelID.name)",
                      note: note, environment: environment, state: state)
    }

    /// Makes the dream reality again: `state` becomes the dreamed state, the divergence history starts over.
    public mutating func sync(to state: [Float]) {
        self.state = state
        stepsSinceSync = 0
        divergences.removeAll(keepingCapacity: true)
    }

    /// Dreams one control step under `applied` (the action reality just took) and records the divergence from
    /// `reality`, the state reality reached.
    public mutating func advance(action applied: [Float], reality: [Float]) {
        start.storage.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: state) }
        action.storage.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: applied) }
        rollout.run(starts: start, actions: action, into: &states)
        state = states.row(1)
        stepsSinceSync += 1
        divergences.append(divergence(from: reality))
        if divergences.count > PredictionTracker.errorCapacity { divergences.removeFirst(divergences.count - PredictionTracker.errorCapacity) }
    }

    /// The dreamed bodies' poses, in the environment's body order.
    public var poses: [BodyPose] { layout.poses(in: state) }

    /// The mean distance between the dreamed and the real positions of the measured bodies (m).
    public func divergence(from reality: [Float]) -> Double {
        let dreamed = layout.poses(in: state), real = layout.poses(in: reality)
        let total = measured.reduce(0.0) { sum, b in
            let d = dreamed[b].position - real[b].position
            return sum + (d * d).sum().squareRoot()
        }
        return total / Double(measured.count)
    }
}
#endif
