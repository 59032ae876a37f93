import Foundation
import TensorCore

/// Predicts body positions of a world from its state and planned actions with a trained run's
/// state-space forward model (for the viewer's prediction overlay).
public struct PositionPredictor {
    /// The forward model used (`state.pc` when the run has it, else `state.bp`).
    public var model: ForwardModel { rollout.model }
    /// Which of the run's models it is (`state.pc` or `state.bp`).
    public let modelID: ForwardModelID
    /// The run's record (what it was trained on, with which config).
    public let record: RunRecord
    /// Where the predicted bodies sit in a state, in output order.
    public let readout: StateReadout
    /// The state dimension the model expects.
    public let stateSize: Int
    /// The action dimension the model expects.
    public let actionSize: Int
    private var rollout: Rollout<ForwardModel>
    private var start: Matrix, actions = Matrix(rows: 0, cols: 0), states = Matrix(rows: 0, cols: 0)

    /// Loads `RUN/best.safetensors` (or a checkpoint file given directly); `prefer` picks `pc` or `bp`.
    public init(run url: URL, prefer rule: ForwardRule = .pc) throws {
        let file = url.pathExtension == "safetensors" ? url : url.appendingPathComponent("best.safetensors")
        let models = try RunModels(contentsOf: file)
        let order = [rule, rule == .pc ? .bp : .pc].map { ForwardModelID(space: .state, rule: $0) }
        guard let id = order.first(where: { models.forward[$0] != nil }), let model = models.forward[id] else {
            throw RunError.missing(path: file.path, what: "the run has no state-space forward model (train it to the end)")
        }
        self.init(model: model, id: id, record: models.record)
    }

    /// Predicts with `model`, the state-space model `id` of a run recorded as `record` (a model learned online).
    public init(model: ForwardModel, id: ForwardModelID, record: RunRecord) {
        rollout = Rollout(model: model)
        modelID = id
        self.record = record
        readout = StateReadout(labels: record.data.stateLabels, bodies: record.data.bodies)
        stateSize = record.data.stateSize
        actionSize = record.data.actionSize
        start = Matrix(rows: 1, cols: stateSize)
    }

    /// Positions of every body after each action: `actions.count` entries of `bodies.count` points (metres).
    public mutating func predictPositions(state: [Float], actions plan: [[Float]]) -> [[SIMD2<Double>]] {
        precondition(state.count == stateSize, "PositionPredictor: state has \(state.count) entries, expected \(stateSize)")
        guard !plan.isEmpty else { return [] }
        start.storage.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: state) }
        actions.resize(rows: plan.count, cols: actionSize)
        for (h, action) in plan.enumerated() {
            precondition(action.count == actionSize, "PositionPredictor: action has \(action.count) entries, expected \(actionSize)")
            for (j, value) in action.enumerated() { actions[h, j] = value }
        }
        rollout.run(starts: start, actions: actions, into: &states)
        return (1...plan.count).map { readout.positions(states, row: $0) }
    }
}
