import Control
import TensorCore

/// x' = x + a, with the extremes of every action it was given (to check clamping).
struct IntegratorDynamics: BatchedDynamics {
    let stateDimension: Int
    var actionDimension: Int { stateDimension }
    var smallestAction = Float.infinity
    var largestAction = -Float.infinity

    init(dimension: Int) {
        stateDimension = dimension
    }

    mutating func rollout(from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix]) {
        predictions[0].assign(starts)
        for t in actions.indices {
            predictions[t + 1].assign(predictions[t])
            predictions[t + 1].add(actions[t])
            smallestAction = min(smallestAction, actions[t].storage.min() ?? .infinity)
            largestAction = max(largestAction, actions[t].storage.max() ?? -.infinity)
        }
    }
}

/// ‖x_H − goal‖² + λ Σ_t ‖a_t‖²: on the integrator from x₀, every optimal action is (goal − x₀) / (H + λ).
struct TerminalQuadraticCost: PlanningCost {
    let goal: [Float]
    let actionWeight: Double

    func evaluate(predictions: [Matrix], actions: [Matrix], into costs: inout [Double]) {
        let final = predictions[predictions.count - 1]
        for i in 0..<final.rows {
            var cost = 0.0
            for j in goal.indices {
                let miss = Double(final[i, j] - goal[j])
                cost += miss * miss
            }
            for action in actions {
                for j in 0..<action.cols { cost += actionWeight * Double(action[i, j]) * Double(action[i, j]) }
            }
            costs[i] = cost
        }
    }
}
