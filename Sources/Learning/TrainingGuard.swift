import TensorCore

/// Stops training at the first NaN or infinity, naming the step.
public enum TrainingGuard {
    /// Throws `TrainingError` if `value` (a loss or an energy called `quantity`) is not finite.
    public static func check(_ value: Double, _ quantity: String, step: Int, detail: String = "") throws {
        guard value.isFinite else { throw TrainingError(quantity: quantity, step: step, detail: detail) }
    }

    /// Throws `TrainingError` if any of `parameters` is not finite.
    public static func check(parameters: [Float], step: Int) throws {
        let finite = VectorReductions.allFinite(parameters)
        guard finite else { throw TrainingError(quantity: "weights", step: step, detail: "after the weight update") }
    }
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
