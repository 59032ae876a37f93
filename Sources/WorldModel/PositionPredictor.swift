import Foundation
import TensorCore

/// Predicts body positions of a world from its state and planned actions with a trained run's
/// state-space forward model (for the viewer's prediction overlay and for planners).
public final class PositionPredictor {
    /// The forward model used (`state.pc` when the run has it, else `state.bp`).
    public let model: ForwardModel
    /// Which of the run's models it is (`state.pc` or `state.bp`).
    public let modelID: ForwardModelID
    /// The run's record (what it was trained on, with which config).
    public let record: RunRecord
    /// The bodies whose positions are predicted, in output order.
    public let bodies: [EpisodeData.BodyPositionColumns]
    /// The state dimension the model expects.
    public let stateSize: Int
    /// The action dimension the model expects.
    public let actionSize: Int

    /// Loads `RUN/best.safetensors` (or a checkpoint file given directly); `prefer` picks `pc` or `bp`.
    public init(run url: URL, prefer rule: ForwardRule = .pc) throws {
        let file = url.pathExtension == "safetensors" ? url : url.appendingPathComponent("best.safetensors")
        let models = try RunModels(contentsOf: file)
        let order = [rule, rule == .pc ? .bp : .pc].map { ForwardModelID(space: .state, rule: $0) }
        guard let id = order.first(where: { models.forward[$0] != nil }), let model = models.forward[id] else {
            throw RunError.missing(path: file.path, what: "the run has no state-space forward model (train it to the end)")
        }
        self.model = model
        modelID = id
        record = models.record
        bodies = models.record.data.bodies
        stateSize = models.record.data.stateSize
        actionSize = models.record.data.actionSize
    }

    /// Positions of every body after each action: `actions.count` entries of `bodies.count` points (metres).
    public func predictPositions(state: [Float], actions: [[Float]]) -> [[SIMD2<Double>]] {
        precondition(state.count == stateSize, "PositionPredictor: state has \(state.count) entries, expected \(stateSize)")
        var s = Matrix(rows: 1, cols: stateSize, elements: state)
        var out: [[SIMD2<Double>]] = []
        out.reserveCapacity(actions.count)
        for action in actions {
            precondition(action.count == actionSize, "PositionPredictor: action has \(action.count) entries, expected \(actionSize)")
            s = model.predictNext(s, actions: Matrix(rows: 1, cols: actionSize, elements: action))
            out.append(bodies.map { SIMD2(Double(s[0, $0.xColumn]), Double(s[0, $0.yColumn])) })
        }
        return out
    }
}
