import Testing
import TensorCore

/// Central finite differences of a scalar loss against an analytic gradient, entry by entry.
enum FiniteDifferences {
    /// Expects every entry of `gradient` to match `(loss(x + h eᵢ) − loss(x − h eᵢ)) / 2h` at `x` within `tolerance`.
    static func expectMatches(_ gradient: Matrix, at x: Matrix, step h: Float = 1e-2, tolerance: Double = 2e-3,
                              loss: (Matrix) -> Double) {
        for index in 0..<x.count {
            var plus = x, minus = x
            plus.storage[index] += h
            minus.storage[index] -= h
            let numeric = (loss(plus) - loss(minus)) / Double(2 * h)
            #expect(abs(numeric - Double(gradient.storage[index])) < tolerance, "entry \(index)")
        }
    }
}
