import TensorCore

/// What a planner minimises: one number per sampled trajectory, lower is better.
public protocol PlanningCost {
    /// Writes each sample's cost into `costs` (N entries, already sized).
    ///
    /// - Parameters:
    ///   - predictions: H + 1 matrices [N, D] from `BatchedDynamics.rollout`, step 0 the start.
    ///   - actions: the H matrices [N, A] that produced them.
    func evaluate(predictions: [Matrix], actions: [Matrix], into costs: inout [Double])
}
