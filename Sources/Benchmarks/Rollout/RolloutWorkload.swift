import Simulation
import TensorCore
import WorldModel

/// A state-space forward model rolled out from N starts over H steps: the work a planner repeats.
///
/// Built on a world's real state layout (bodies, labels, action size) with the run's architecture,
/// or from a trained run; starts and actions are random draws, since speed does not depend on values.
public final class RolloutWorkload {
    /// The model rolled out.
    public let model: ForwardModel
    /// Starts and steps.
    public let starts: Int, horizon: Int
    private var rollout: Rollout<ForwardModel>
    private let startStates: Matrix, actions: Matrix
    private var states = Matrix(rows: 0, cols: 0)

    /// A workload for `model` on `starts` random states of `stateSize` and `horizon` steps of `actionSize`-wide actions.
    public init(model: ForwardModel, stateSize: Int, actionSize: Int, starts: Int, horizon: Int, seed: UInt64 = 1) {
        self.model = model
        self.starts = starts
        self.horizon = horizon
        var rng = RandomStream(seed: seed)
        var states = Matrix.uniform(rows: starts, cols: stateSize, low: -0.5, high: 0.5, rng: &rng)
        if let poses = model.layout?.poseFields, let layout = model.layout {
            for n in 0..<starts {
                for body in layout.columns { (states[n, body[poses.cos]], states[n, body[poses.sin]]) = (1, 0) }
            }
        }
        startStates = states
        actions = Matrix.uniform(rows: starts * horizon, cols: actionSize, low: -0.5, high: 0.5, rng: &rng)
        rollout = Rollout(model: model)
    }

    /// A fresh model of `config`'s state-space architecture for `spec`'s world (weights from `config.seed`).
    public static func freshModel(spec: WorldSpec, config: WorldModelConfig, rule: ForwardRule) throws -> (ForwardModel, Int, Int) {
        let data = DataSignature(environment: try Environment(spec: spec, observations: ObservationSettings(kinds: [.state], pixelSize: 0)))
        let labels = data.stateLabels, actionSize = data.actionSize
        let layout = RunRecord(config: config, data: data).stateLayout
        let inputSize = layout?.inputSize(actionSize: actionSize) ?? labels.count + actionSize
        let targetSize = layout.map { $0.bodyCount * $0.targetSize } ?? labels.count
        let model = ForwardModel(rule: rule, config: config, inputNormalizer: Normalizer(identity: inputSize),
                                 targetNormalizer: Normalizer(identity: targetSize), layout: layout, seed: config.seed)
        return (model, labels.count, actionSize)
    }

    /// GEMM floating-point operations of one rollout (every member, every layer, every step).
    public var gemmFLOPs: Double {
        let rows = starts * (model.layout?.bodyCount ?? 1)
        return Double(horizon) * model.members.reduce(0) { $0 + Double($1.forwardFLOPs(rows: rows)) }
    }

    /// Runs the rollout once.
    public func run() {
        rollout.run(starts: startStates, actions: actions, into: &states)
    }
}
