import Learning
import TensorCore

/// Which learning rule trains a forward model.
public enum ForwardRule: String, Codable, Sendable, CaseIterable {
    /// Predictive coding (Learning's `PredictiveCodingNetwork`).
    case pc
    /// Backpropagation on the same architecture (the baseline).
    case bp
}

/// A forward model `x_{t+1} ≈ x_t + f([x_t, a_t])` on latents or raw states.
///
/// Inputs `[x, a]` and targets `Δx` are standardised with training statistics held by the model
/// (and saved with it), so predictions come back in the units of `x` (metres for states).
public final class ForwardModel {
    /// The learning rule.
    public let rule: ForwardRule
    /// The architecture (PC and backprop models share it).
    public let pcConfig: PCConfig
    /// Standardises `[x, a]`.
    public let inputNormalizer: Normalizer
    /// Standardises `Δx`.
    public let targetNormalizer: Normalizer
    /// The weight optimizer.
    public var optimizer: Adam
    private let pc: PredictiveCodingNetwork?
    private let mlp: MLP?

    /// A fresh model with statistics fitted on `inputs` (`[x, a]`) and `targets` (`Δx`).
    public init(rule: ForwardRule, config: WorldModelConfig, inputNormalizer: Normalizer, targetNormalizer: Normalizer,
                seed: UInt64) {
        self.rule = rule
        self.inputNormalizer = inputNormalizer
        self.targetNormalizer = targetNormalizer
        pcConfig = PCConfig(layerSizes: [inputNormalizer.count] + config.forwardHidden + [targetNormalizer.count],
                            activation: config.forwardActivation, inferenceSteps: config.pcInferenceSteps,
                            inferenceRate: config.pcInferenceRate)
        optimizer = Adam(learningRate: config.forwardLearningRate)
        switch rule {
        case .pc:
            pc = PredictiveCodingNetwork(config: pcConfig, seed: seed)
            mlp = nil
        case .bp:
            pc = nil
            mlp = MLP(config: pcConfig.mlpConfig, seed: seed)
        }
    }

    /// Every weight and bias (the same layout for both rules).
    public var parameters: [Float] {
        get { pc?.parameters ?? mlp!.parameters }
        set {
            if let pc { pc.parameters = newValue } else { mlp!.parameters = newValue }
        }
    }

    /// Trains one epoch on standardised `inputs`/`targets` visiting rows in `order`; returns the mean output MSE.
    public func trainEpoch(inputs: Matrix, targets: Matrix, order: [Int], batchSize: Int,
                           progress: (Int) -> Void = { _ in }) throws -> Double {
        var total = 0.0, batches = 0, start = 0
        var gradient = Matrix(rows: 0, cols: 0)
        while start < order.count {
            let end = min(start + batchSize, order.count)
            let rows = Array(order[start..<end])
            start = end
            let x = inputs.gatherRows(rows), y = targets.gatherRows(rows)
            let loss: Double
            if let pc {
                loss = try pc.train(input: x, target: y, optimizer: &optimizer).outputLoss
            } else {
                let mlp = mlp!
                if gradient.rows != rows.count { gradient = Matrix(rows: rows.count, cols: y.cols) }
                mlp.zeroGradients()
                let prediction = mlp.forward(x)
                loss = Double(MeanSquaredError()(prediction, y, gradient: &gradient))
                mlp.accumulateParameterGradients(gradient)
                optimizer.step(parameters: &mlp.parameters, gradients: mlp.gradients)
            }
            guard loss.isFinite else { throw TrainingError(quantity: "loss", step: batches, detail: "\(rule.rawValue) forward model") }
            total += loss
            batches += 1
            progress(end)
        }
        return batches > 0 ? total / Double(batches) : 0
    }

    /// The feedforward prediction on standardised inputs (standardised `Δx`).
    public func predictStandardized(_ inputs: Matrix) -> Matrix {
        if let pc { return pc.predict(inputs) }
        return mlp!.forward(inputs)
    }

    /// Mean squared error on standardised data (validation).
    public func loss(inputs: Matrix, targets: Matrix) -> Double {
        Double(MeanSquaredError()(predictStandardized(inputs), targets))
    }

    /// One step: `x + Δx` for `x` `[B, X]` and actions `[B, A]`, in the units of `x`.
    public func predictNext(_ x: Matrix, actions: Matrix) -> Matrix {
        var input = Matrix.columns(x, actions)
        inputNormalizer.apply(&input)
        var delta = predictStandardized(input)
        targetNormalizer.invert(&delta)
        delta.add(x)
        return delta
    }
}
