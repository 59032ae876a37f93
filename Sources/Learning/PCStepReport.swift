/// What one predictive-coding batch did.
///
/// Energies are summed over the batch: F = Σ_l ½ ‖ε_l‖² with ε_l = x_l − μ_l.
public struct PCStepReport: Sendable {
    /// ½ ‖ε_l‖² for l = 1 … L (index 0 is layer 1) after inference.
    public var energies: [Double]
    /// The total energy after the feedforward initialisation (only the output error is non-zero).
    public var initialEnergy: Double
    /// The total energy after each inference step, initial value first (T_used + 1 values).
    public var energyTrace: [Double]
    /// The inference steps run (fewer than T when the energy settled within the tolerance).
    public var inferenceSteps: Int
    /// Mean squared error of the feedforward prediction against the target, over every element.
    public var outputLoss: Double

    /// The total energy after inference.
    public var energy: Double { energies.reduce(0, +) }
}

/// Training hit a NaN or infinity.
public struct TrainingError: Error, CustomStringConvertible, Equatable {
    /// What became non-finite (`loss`, `energy`, `weights`).
    public let quantity: String
    /// The training step (0-based count of completed steps before this one).
    public let step: Int
    /// Extra context, such as the inference step.
    public let detail: String

    /// Creates the error.
    public init(quantity: String, step: Int, detail: String = "") {
        self.quantity = quantity
        self.step = step
        self.detail = detail
    }

    public var description: String {
        "non-finite \(quantity) at training step \(step)" + (detail.isEmpty ? "" : " (\(detail))") + "; training stopped"
    }
}
