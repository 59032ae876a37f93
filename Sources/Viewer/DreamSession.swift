#if Viewer
import Foundation
import Simulation
import TensorCore
import WorldModel

/// The world as the model alone imagines it: a model's picture of the world (a `DreamModel`: a state vector, or a pixel
/// run's latent) advanced by the actions applied to reality, never corrected except when re-synced, and how far its blocks
/// drift from the real ones.
///
/// One model step per control step, so `k` advances equal one rollout over the same `k` actions.
public struct DreamSession {
    /// A short name for the HUD (the run folder and the model, `tee state.pc`).
    public let name: String
    /// A remark on what the dream is made of, shown in its pane (a latent dream keeps the headings of its last sync).
    public let note: String?
    /// The model's picture of the world.
    public private(set) var model: any DreamModel
    /// Control steps dreamed since the last sync.
    public private(set) var stepsSinceSync = 0
    /// The divergence after each dreamed step, oldest first, at most `PredictionTracker.errorCapacity`.
    public private(set) var divergences: [Double] = []
    /// Reads the environment's bodies (in its order) out of reality's states.
    private let layout: StateReadout
    /// The bodies whose position error is the divergence: the objects, or every body in a world without any.
    private let measured: [Int]

    /// A dream of `model` in `environment` (reality's bodies read through `layout`).
    public init(model: any DreamModel, name: String, note: String? = nil, environment: Environment, layout: StateReadout) {
        self.name = name
        self.note = note
        self.model = model
        self.layout = layout
        let objects = environment.bodies.indices.filter { environment.bodies[$0].role == .object }
        measured = objects.isEmpty ? Array(environment.bodies.indices) : objects
    }

    /// A dream of the state-space `model` (whose state layout is `environment`'s) starting from `state`.
    public init(model: ForwardModel, name: String, note: String? = nil, environment: Environment, state: [Float]) throws {
        let layout = try Self.readout(environment)
        self.init(model: StateDream(model: model, layout: layout, actionSize: environment.actionSpace.low.count, state: state),
                  name: name, note: note, environment: environment, layout: layout)
    }

    /// The dream of run `run`'s state-space forward model for `environment`, from `state`; errors name the run and what
    /// does not fit. A run of another input (pixels, lidar, fused) dreams with its state model here too.
    public init(run: URL, environment: Environment, state: [Float]) throws {
        let predictor = try PositionPredictor.checked(run: run, for: environment)
        let input = predictor.record.config.input
        let note = input == .state ? nil : "\(input.rawValue) run: its state model dreams"
        try self.init(model: predictor.model, name: "\(Self.runName(run)) \(predictor.modelID.name)", note: note,
                      environment: environment, state: state)
    }

    /// The dream of a pixel run's latent model (`predictor`, loaded from `run`) for `environment`, from `observation` (with
    /// the camera image the run reads); errors name the run and what does not fit.
    public init(predictor: LatentPositionPredictor, run: URL, environment: Environment, observation: Observation) throws {
        let layout = try Self.readout(environment)
        let dream = try LatentDream(predictor: predictor, path: run.path, environment: environment, layout: layout,
                                    observation: observation)
        self.init(model: dream, name: "\(Self.runName(run)) \(predictor.modelID.name)+probe",
                  note: "latent: probe positions, headings as synced", environment: environment,
                  layout: layout)
    }

    /// Makes the dream reality's `observation` again; the divergence history starts over.
    public mutating func sync(to observation: Observation) {
        model.sync(to: observation)
        stepsSinceSync = 0
        divergences.removeAll(keepingCapacity: true)
    }

    /// Dreams one control step under `applied` (the action reality just took) and records the divergence from
    /// `reality`, the observation reality reached.
    public mutating func advance(action applied: [Float], reality: Observation) {
        model.advance(action: applied)
        stepsSinceSync += 1
        divergences.append(divergence(from: reality.state))
        if divergences.count > PredictionTracker.errorCapacity { divergences.removeFirst(divergences.count - PredictionTracker.errorCapacity) }
    }

    /// The dreamed bodies' poses, in the environment's body order.
    public var poses: [BodyPose] { model.poses }

    /// The dream's name in the HUD: the run's folder (or checkpoint) name.
    private static func runName(_ run: URL) -> String { run.deletingPathExtension().lastPathComponent }

    /// `environment`'s bodies as the dream reads them out of states.
    private static func readout(_ environment: Environment) throws -> StateReadout {
        try StateReadout(labels: environment.stateLabels, bodyNames: environment.bodies.map(\.name), purpose: "dream")
    }

    /// The mean distance between the dreamed and the real positions of the measured bodies (m).
    public func divergence(from reality: [Float]) -> Double {
        let dreamed = model.poses, real = layout.poses(in: reality)
        let total = measured.reduce(0.0) { sum, b in
            let d = dreamed[b].position - real[b].position
            return sum + (d * d).sum().squareRoot()
        }
        return total / Double(measured.count)
    }
}
#endif
