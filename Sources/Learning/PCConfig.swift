/// The architecture and inference settings of a `PredictiveCodingNetwork` (Codable, validated).
///
/// Layers x_0 … x_L have widths `layerSizes`; layer l predicts μ_l = f(x_{l−1}) W_lᵀ + b_l
/// with f = `activation` for hidden layers and f = `inputActivation` (default identity:
/// the raw input) for x_0. Predictions are linear in f(x_{l−1}), so the output layer has
/// identity prediction activation; the feedforward pass equals `mlpConfig`'s MLP.
public struct PCConfig: Codable, Equatable, Sendable {
    /// Widths of x_0 (input) … x_L (output).
    public var layerSizes: [Int]
    /// f applied to hidden value nodes before they predict the next layer.
    public var activation: Activation
    /// f applied to the clamped input x_0 (usually `.identity`).
    public var inputActivation: Activation
    /// The number of inference steps T per batch.
    public var inferenceSteps: Int
    /// The value-node step size γ.
    public var inferenceRate: Float
    /// The value nodes' optimizer (SGD, or SGD with momentum).
    public var valueOptimizer: ValueNodeOptimizer
    /// Standard, incremental or fixed-prediction PC.
    public var variant: PCVariant
    /// Stop inference once |F_t − F_{t−1}| ≤ tolerance · F_{t−1} (0 runs all T steps).
    public var energyTolerance: Float

    /// Creates a configuration.
    public init(layerSizes: [Int], activation: Activation = .tanh, inputActivation: Activation = .identity,
                inferenceSteps: Int = 8, inferenceRate: Float = 0.1, valueOptimizer: ValueNodeOptimizer = .sgd,
                variant: PCVariant = .standard, energyTolerance: Float = 0) {
        self.layerSizes = layerSizes
        self.activation = activation
        self.inputActivation = inputActivation
        self.inferenceSteps = inferenceSteps
        self.inferenceRate = inferenceRate
        self.valueOptimizer = valueOptimizer
        self.variant = variant
        self.energyTolerance = energyTolerance
    }

    /// The MLP whose forward pass (and parameter layout) equals this network's feedforward prediction.
    ///
    /// Exact when `inputActivation` is `.identity`.
    public var mlpConfig: MLPConfig {
        MLPConfig(inputSize: layerSizes.first ?? 0, hiddenSizes: Array(layerSizes.dropFirst().dropLast()),
                  outputSize: layerSizes.last ?? 0, activation: activation, outputActivation: .identity)
    }

    /// Throws `ConfigurationError` naming the first invalid field.
    public func validate() throws {
        guard layerSizes.count >= 2 else {
            throw ConfigurationError("PCConfig.layerSizes needs at least input and output sizes, got \(layerSizes)")
        }
        for (index, size) in layerSizes.enumerated() where size <= 0 {
            throw ConfigurationError("PCConfig.layerSizes[\(index)] is \(size); sizes must be positive")
        }
        guard inferenceSteps >= 0 else { throw ConfigurationError("PCConfig.inferenceSteps is \(inferenceSteps); must be >= 0") }
        guard inferenceRate > 0, inferenceRate.isFinite else {
            throw ConfigurationError("PCConfig.inferenceRate is \(inferenceRate); must be positive")
        }
        guard valueOptimizer.momentum >= 0, valueOptimizer.momentum < 1 else {
            throw ConfigurationError("PCConfig.valueOptimizer.momentum is \(valueOptimizer.momentum); must be in [0, 1)")
        }
        guard energyTolerance >= 0 else { throw ConfigurationError("PCConfig.energyTolerance is \(energyTolerance); must be >= 0") }
    }
}

/// How a predictive-coding network relaxes and learns.
public enum PCVariant: String, Codable, Sendable, CaseIterable {
    /// T inference steps on the value nodes, then one local weight update.
    case standard
    /// Weights updated at every inference step (incremental PC, Salvatori et al.).
    case incremental
    /// Predictions μ (and f, f') held at their feedforward values during inference, so
    /// errors propagate exactly like backprop's deltas (Millidge et al.'s fixed-prediction assumption).
    case fixedPrediction
}

/// The optimizer of the value nodes during inference: v ← m v + ∂F/∂x, x ← x − γ v.
public struct ValueNodeOptimizer: Codable, Equatable, Sendable {
    /// The momentum m (0: plain gradient descent).
    public var momentum: Float

    /// Plain gradient descent on the energy.
    public static let sgd = ValueNodeOptimizer(momentum: 0)

    /// Gradient descent with momentum m.
    public static func momentum(_ m: Float) -> ValueNodeOptimizer { ValueNodeOptimizer(momentum: m) }
}
