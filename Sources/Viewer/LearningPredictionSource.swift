#if Viewer
import Foundation
import Simulation
import TensorCore
import WorldModel

/// A model learning online from what the viewer shows, as the overlay's prediction source.
///
/// The session hands it every transition (`observe`, a push into the learner thread's queue: the frame loop
/// never waits); each prediction uses the latest published weights, switching when a new snapshot appears.
/// During the warm-up, before the model exists, it predicts that nothing moves.
public final class LearningPredictionSource: PredictionSource {
    /// The learner's thread (stopped when the source goes away).
    public let thread: LearnerThread
    /// Where the save key writes the model as a run folder.
    public let saveFolder: URL
    private let record: RunRecord
    private let modelID: ForwardModelID
    private let readout: StateReadout
    /// For each environment body, its index among the model's bodies.
    private let order: [Int]
    private var predictor: PositionPredictor?
    private var version = 0

    /// Starts `learner` on its own thread (batches drawn from `seed`, snapshots published on `board`) for
    /// `environment`'s bodies.
    public init(learner: OnlineLearner, environment: Environment, saveFolder: URL, seed: UInt64,
                board: PublishedModel = PublishedModel()) throws {
        record = learner.record
        modelID = learner.modelID
        readout = StateReadout(labels: record.data.stateLabels, bodies: record.data.bodies)
        order = try RunPredictionSource.bodyOrder(predicted: readout.bodies.map(\.name), environment: environment,
                                                  path: learner.origin?.path ?? "online model")
        self.saveFolder = saveFolder
        thread = LearnerThread(learner: learner, seed: seed, board: board)
    }

    deinit { thread.stop() }

    public var name: String {
        let progress = thread.progress
        let learning = progress.transitions < progress.warmUp
            ? "warm-up \(progress.transitions)/\(progress.warmUp)" : "\(progress.transitions) seen, \(progress.updates) updates"
        return "online \(modelID.rule.rawValue) (\(learning))"
    }

    /// Hands `transition` to the learner without waiting.
    public func observe(_ transition: Transition) {
        thread.queue.push(transition)
    }

    /// Asks the learner to save the model into `saveFolder`.
    public func save() {
        thread.requestSave(to: saveFolder)
    }

    public func predictPositions(from observation: Observation, actions: [[Float]]) -> [[SIMD2<Double>]] {
        let state = observation.state
        let latest = thread.published.current
        if latest.version != version, let model = latest.model {
            predictor = PositionPredictor(model: model, id: modelID, record: record)
            version = latest.version
        }
        guard predictor != nil else {
            let now = readout.positions(Matrix(rows: 1, cols: state.count, elements: state), row: 0)
            return actions.map { _ in order.map { now[$0] } }
        }
        return predictor!.predictPositions(state: state, actions: actions).map { step in order.map { step[$0] } }
    }
}
#endif
