import Simulation
import TensorCore

/// The buffers a sampling planner reuses across iterations: starts, samples, predictions, costs, elites.
struct PlannerWorkspace: Sendable {
    let samples: Int
    let elites: Int
    /// [N, D], every row the start state.
    var starts = Matrix(rows: 0, cols: 0)
    /// H matrices [N, A].
    var actions: [Matrix] = []
    /// H + 1 matrices [N, D].
    var predictions: [Matrix] = []
    /// One cost per sample.
    var costs: [Double]
    /// One member's costs, while the cost is averaged over a model's members.
    var memberCosts: [Double] = []
    /// The elites' sample indices, cheapest first, and their refit weights.
    var eliteIndices: [Int]
    var eliteWeights: [Double]

    init(samples: Int, elites: Int) {
        self.samples = samples
        self.elites = elites
        costs = Array(repeating: 0, count: samples)
        eliteIndices = Array(repeating: 0, count: elites)
        eliteWeights = Array(repeating: 0, count: elites)
    }

    /// Sizes the sample and prediction buffers, unless they already have these shapes.
    mutating func prepare(horizon: Int, stateDimension: Int, actionDimension: Int) {
        guard starts.cols != stateDimension || actions.count != horizon || actions.first?.cols != actionDimension
        else { return }
        starts = Matrix(rows: samples, cols: stateDimension)
        actions = (0..<horizon).map { _ in Matrix(rows: samples, cols: actionDimension) }
        predictions = (0...horizon).map { _ in Matrix(rows: samples, cols: stateDimension) }
    }

    /// Writes `start` into every row of `starts`.
    mutating func setStarts(_ start: [Float]) {
        let d = start.count
        starts.storage.withUnsafeMutableBufferPointer { rows in
            for i in 0..<samples {
                for j in 0..<d { rows[i * d + j] = start[j] }
            }
        }
    }

    /// Fills `actions` with the plan's mean (sample 0) and Gaussian samples around it, clamped to `space`.
    mutating func sample(around plan: GaussianPlan, in space: BoxSpace, rng: inout RandomStream) {
        let a = plan.actionDimension
        for t in actions.indices {
            actions[t].storage.withUnsafeMutableBufferPointer { rows in
                for i in 0..<samples {
                    for j in 0..<a {
                        let k = t * a + j
                        let value = i == 0 ? plan.mean[k] : plan.mean[k] + plan.std[k] * rng.normal()
                        rows[i * a + j] = min(max(value, space.low[j]), space.high[j])
                    }
                }
            }
        }
    }

    /// Rolls every sample through `model` and scores it into `costs`: the mean of the members' costs when
    /// the model has several members, the cost of its one prediction otherwise.
    mutating func score<Model: BatchedDynamics, Cost: PlanningCost>(model: inout Model, cost: Cost) {
        let members = model.memberCount
        guard members > 1 else {
            model.rollout(from: starts, actions: actions, into: &predictions)
            cost.evaluate(predictions: predictions, actions: actions, into: &costs)
            return
        }
        if memberCosts.count != samples { memberCosts = Array(repeating: 0, count: samples) }
        for i in costs.indices { costs[i] = 0 }
        for member in 0..<members {
            model.rollout(member: member, from: starts, actions: actions, into: &predictions)
            cost.evaluate(predictions: predictions, actions: actions, into: &memberCosts)
            for i in costs.indices { costs[i] += memberCosts[i] / Double(members) }
        }
    }
}
