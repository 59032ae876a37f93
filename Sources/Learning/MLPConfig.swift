/// The architecture of a multilayer perceptron (a spec: immutable, Codable, validated).
///
/// Hidden layer i is Dense → (LayerNorm) → `activation`; the output layer is Dense →
/// `outputActivation`. Stored as JSON in checkpoints.
public struct MLPConfig: Codable, Equatable, Sendable {
    /// Input features.
    public var inputSize: Int
    /// Widths of the hidden layers, input side first (may be empty: a linear model).
    public var hiddenSizes: [Int]
    /// Output features.
    public var outputSize: Int
    /// The hidden layers' nonlinearity.
    public var activation: Activation
    /// The output layer's nonlinearity (usually `.identity`).
    public var outputActivation: Activation
    /// Whether each hidden layer normalises its pre-activations with `LayerNorm`.
    public var layerNorm: Bool

    /// Creates a configuration.
    public init(inputSize: Int, hiddenSizes: [Int], outputSize: Int, activation: Activation = .tanh,
                outputActivation: Activation = .identity, layerNorm: Bool = false) {
        self.inputSize = inputSize
        self.hiddenSizes = hiddenSizes
        self.outputSize = outputSize
        self.activation = activation
        self.outputActivation = outputActivation
        self.layerNorm = layerNorm
    }

    /// Every layer width, input first: `[inputSize] + hiddenSizes + [outputSize]`.
    public var layerSizes: [Int] { [inputSize] + hiddenSizes + [outputSize] }

    /// Throws `ConfigurationError` if a size is not positive.
    public func validate() throws {
        for (index, size) in layerSizes.enumerated() where size <= 0 {
            throw ConfigurationError("MLPConfig: layer size \(index) is \(size); sizes must be positive")
        }
    }
}

/// A model configuration is not usable.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// What is wrong.
    public let description: String

    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
