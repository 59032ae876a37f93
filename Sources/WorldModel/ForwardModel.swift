import Learning
import TensorCore

/// Which learning rule trains a forward model.
public enum ForwardRule: String, Codable, Sendable, CaseIterable {
    /// Predictive coding (Learning's `PredictiveCodingNetwork`).
    case pc
    /// Backpropagation on the same architecture (the baseline).
    case bp
}

/// A forward model `x_{t+1} ≈ x_t + f([x_t, a_t])` on latents or raw states (optionally object-factorised).
///
/// A value: weights and normalisers only, shareable across threads; every caller predicts through
/// its own `ForwardWorkspace`, and `ForwardTraining` (the trainer's) owns the optimizers. Inputs
/// `[x, a]` and targets `Δx` are standardised with training statistics held by the model (and saved
/// with it), so predictions come back in the units of `x` (metres for states). `f` is the mean of an
/// ensemble of networks (`WorldModelConfig.forwardEnsembleSize`, one by default) that differ only in
/// their initial weights. Predictive coding predicts with its feedforward pass, so both rules' members
/// are held as `MLP` weights in the same layout.
public struct ForwardModel: Sendable {
    /// The learning rule.
    public let rule: ForwardRule
    /// The architecture of every member (PC and backprop models share it).
    public let pcConfig: PCConfig
    /// Standardises the inputs (`[x, a]`, or per-body rows).
    public let inputNormalizer: Normalizer
    /// Standardises the targets: `Δx`, or per-body changes with statistics per body and field.
    public let targetNormalizer: Normalizer
    /// For object-factorised state models: how the state splits into bodies (rows become transitions × bodies).
    public let layout: BodyLayout?
    /// The ensemble's networks (feedforward weights).
    public internal(set) var members: [MLP]

    /// A fresh model with the given statistics of its inputs and targets.
    ///
    /// The first member draws its weights from `seed` itself, the others from seeds derived from it.
    public init(rule: ForwardRule, config: WorldModelConfig, inputNormalizer: Normalizer, targetNormalizer: Normalizer,
                layout: BodyLayout? = nil, seed: UInt64) {
        self.rule = rule
        self.layout = layout
        self.inputNormalizer = inputNormalizer
        self.targetNormalizer = targetNormalizer
        let outputSize = targetNormalizer.count / (layout?.bodyCount ?? 1)
        let architecture = PCConfig(layerSizes: [inputNormalizer.count] + config.forwardHidden + [outputSize],
                                    activation: config.forwardActivation, inferenceSteps: config.pcInferenceSteps,
                                    inferenceRate: config.pcInferenceRate, variant: config.pcVariant)
        pcConfig = architecture
        members = (0..<config.ensembleSize).map { index in
            MLP(config: architecture.mlpConfig, seed: index == 0 ? seed : childSeed(seed, index))
        }
    }

    /// Networks in the ensemble.
    public var ensembleSize: Int { members.count }

    /// Member `index` alone: the same statistics and layout, one network.
    public func member(_ index: Int) -> ForwardModel {
        precondition(members.indices.contains(index), "ForwardModel: no member \(index) in an ensemble of \(members.count)")
        var single = self
        single.members = [members[index]]
        return single
    }

    /// Every weight and bias, member after member (each in the same layout for both rules).
    public var parameters: [Float] {
        get { members.flatMap(\.parameters) }
        set {
            let count = newValue.count / members.count
            for index in members.indices { members[index].parameters = Array(newValue[index * count..<(index + 1) * count]) }
        }
    }

    /// The raw (unstandardised) inputs for `x` `[B, X]` and actions `[B, A]`.
    public func inputs(_ x: Matrix, actions: Matrix) -> Matrix {
        layout?.inputs(states: x, actions: actions) ?? Matrix.columns(x, actions)
    }

    /// The raw targets: the change from `x` to `next`.
    public func targets(from x: Matrix, to next: Matrix) -> Matrix {
        layout?.targets(from: x, to: next) ?? next - x
    }

    /// Standardises raw targets in place (per body and field for factorised models).
    public func standardizeTargets(_ targets: inout Matrix) {
        ForwardModel.perBody(&targets, layout: layout) { targetNormalizer.apply(&$0) }
    }

    /// Undoes `standardizeTargets`.
    public func unstandardizeTargets(_ targets: inout Matrix) {
        ForwardModel.perBody(&targets, layout: layout) { targetNormalizer.invert(&$0) }
    }

    /// Target statistics: per column, or per body and field (rows of one transition side by side).
    ///
    /// Uncentred (`centred: false`), the targets are only scaled, by their root mean square: "no change"
    /// stays an output of exactly zero instead of a per-field offset the network has to reproduce.
    public static func fitTargets(_ targets: Matrix, layout: BodyLayout?, centred: Bool = true) -> Normalizer {
        var copy = targets
        var normalizer = Normalizer(identity: 0)
        perBody(&copy, layout: layout) { normalizer = Normalizer(fitting: $0) }
        if !centred {
            normalizer.std = zip(normalizer.mean, normalizer.std).map { ($0 * $0 + $1 * $1).squareRoot() }
            normalizer.mean = [Float](repeating: 0, count: normalizer.count)
        }
        return normalizer
    }

    /// Runs `body` on `targets` viewed as one row per transition (`[N, bodies * fields]`) when factorised.
    static func perBody(_ targets: inout Matrix, layout: BodyLayout?, _ body: (inout Matrix) -> Void) {
        guard let layout else { return body(&targets) }
        let rows = targets.rows, cols = targets.cols
        var wide = targets.reshaped(rows: rows / layout.bodyCount, cols: cols * layout.bodyCount)
        body(&wide)
        targets = wide.reshaped(rows: rows, cols: cols)
    }
}
