import Simulation

/// A distribution over action sequences: per step and action entry, a mean and a standard deviation.
///
/// Both arrays are [H, A] row-major: entry `t * actionDimension + j` is step t's action entry j.
public struct GaussianPlan: Sendable, Equatable {
    /// Steps planned (H).
    public let horizon: Int
    /// Entries of one action (A).
    public let actionDimension: Int
    /// The mean action sequence, [H, A] row-major.
    public var mean: [Float]
    /// The standard deviation of each entry, [H, A] row-major.
    public var std: [Float]

    /// A plan holding `action` at every step, with standard deviation `std` for each action entry.
    public init(horizon: Int, repeating action: [Float], std: [Float]) {
        precondition(horizon > 0, "a plan needs at least one step")
        precondition(action.count == std.count, "the action and its standard deviations differ in length")
        self.horizon = horizon
        actionDimension = action.count
        mean = Array((0..<horizon).map { _ in action }.joined())
        self.std = Array((0..<horizon).map { _ in std }.joined())
    }

    /// The mean action of step `step`.
    public func action(at step: Int) -> [Float] {
        Array(mean[(step * actionDimension)..<((step + 1) * actionDimension)])
    }

    /// The warm start after executing `steps` steps: the mean moves `steps` steps earlier, the freed
    /// tail repeats the last step's mean, and every standard deviation goes back to `std` (per entry).
    public mutating func shift(by steps: Int, std: [Float]) {
        precondition(std.count == actionDimension, "one standard deviation per action entry")
        let kept = max(horizon - steps, 0)
        let last = action(at: horizon - 1)
        for t in 0..<horizon {
            for j in 0..<actionDimension {
                mean[t * actionDimension + j] = t < kept ? mean[(t + steps) * actionDimension + j] : last[j]
                self.std[t * actionDimension + j] = std[j]
            }
        }
    }
}

extension BoxSpace {
    /// The centre of the box.
    public var center: [Float] { zip(low, high).map { ($0 + $1) / 2 } }

    /// `fraction` of each entry's half-range: the standard deviation a planner starts with.
    public func spread(_ fraction: Float) -> [Float] { zip(low, high).map { fraction * ($1 - $0) / 2 } }
}
