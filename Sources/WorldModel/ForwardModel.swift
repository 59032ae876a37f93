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
/// Inputs `[x, a]` and targets `Δx` are standardised with training statistics held by the model
/// (and saved with it), so predictions come back in the units of `x` (metres for states). `f` is
/// the mean of an ensemble of networks (`WorldModelConfig.forwardEnsembleSize`, one by default)
/// that differ only in their initial weights and train in lockstep on the same batches.
public final class ForwardModel {
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
    private let members: [ForwardMember]

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
            ForwardMember(rule: rule, config: architecture, learningRate: config.forwardLearningRate,
                          seed: index == 0 ? seed : childSeed(seed, index))
        }
    }

    /// Networks in the ensemble.
    public var ensembleSize: Int { members.count }

    /// Every weight and bias, member after member (each in the same layout for both rules).
    public var parameters: [Float] {
        get { members.flatMap(\.parameters) }
        set {
            let count = newValue.count / members.count
            for (index, member) in members.enumerated() { member.parameters = Array(newValue[index * count..<(index + 1) * count]) }
        }
    }

    /// The members' learning rate.
    public var learningRate: Float {
        get { members[0].optimizer.learningRate }
        set { for member in members { member.optimizer.learningRate = newValue } }
    }

    /// The optimizers' state: the members' buffers concatenated in member order (they step together).
    public var optimizerState: OptimizerState {
        var state = members[0].optimizer.state
        for key in state.buffers.keys { state.buffers[key] = members.flatMap { $0.optimizer.state.buffers[key] ?? [] } }
        return state
    }

    /// Resumes the optimizers from `optimizerState`'s layout.
    public func restoreOptimizer(_ state: OptimizerState) throws {
        for (index, member) in members.enumerated() {
            var own = state
            for (key, values) in state.buffers {
                let count = values.count / members.count
                own.buffers[key] = Array(values[index * count..<(index + 1) * count])
            }
            try member.optimizer.restore(own)
        }
    }

    /// Trains one epoch on standardised `inputs`/`targets` visiting rows in `order`; returns the mean output MSE
    /// (over batches and members).
    public func trainEpoch(inputs: Matrix, targets: Matrix, order: [Int], batchSize: Int,
                           progress: (Int) -> Void = { _ in }) throws -> Double {
        var total = 0.0, batches = 0, start = 0
        while start < order.count {
            let end = min(start + batchSize, order.count)
            let rows = Array(order[start..<end])
            start = end
            let x = inputs.gatherRows(rows), y = targets.gatherRows(rows)
            var loss = 0.0
            for member in members { loss += try member.train(input: x, target: y) }
            loss /= Double(members.count)
            guard loss.isFinite else { throw TrainingError(quantity: "loss", step: batches, detail: "\(rule.rawValue) forward model") }
            total += loss
            batches += 1
            progress(end)
        }
        return batches > 0 ? total / Double(batches) : 0
    }

    /// The feedforward prediction on standardised inputs (standardised `Δx`): the members' mean.
    public func predictStandardized(_ inputs: Matrix) -> Matrix {
        var sum = members[0].predict(inputs)
        for member in members.dropFirst() { sum.add(member.predict(inputs)) }
        if members.count > 1 { sum.scale(by: 1 / Float(members.count)) }
        return sum
    }

    /// Mean squared error on standardised data (validation), in chunks of `chunk` rows.
    ///
    /// Chunks keep the networks' cached activations at chunk size instead of the whole validation set's
    /// (which, per member and rule, ran to gigabytes on 20,000-episode datasets).
    public func loss(inputs: Matrix, targets: Matrix, chunk: Int = 4096) -> Double {
        var total = 0.0, start = 0
        while start < inputs.rows {
            let end = min(start + chunk, inputs.rows)
            let error = MeanSquaredError()(predictStandardized(inputs.rows(start..<end)), targets.rows(start..<end))
            total += Double(error) * Double(end - start)
            start = end
        }
        return total / Double(max(inputs.rows, 1))
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

    /// One step: `x + Δx` for `x` `[B, X]` and actions `[B, A]`, in the units of `x`.
    public func predictNext(_ x: Matrix, actions: Matrix) -> Matrix {
        var input = inputs(x, actions: actions)
        inputNormalizer.apply(&input)
        var delta = predictStandardized(input)
        unstandardizeTargets(&delta)
        var next = x
        if let layout { layout.apply(delta, to: &next) } else { next.add(delta) }
        return next
    }
}
