import Foundation

extension PlannerWorkspace {
    /// Puts the `elites` cheapest samples' indices into `eliteIndices`, cheapest first; returns the lowest cost.
    ///
    /// Ties keep the lower sample index first and a NaN cost counts as infinite, so the choice is
    /// deterministic. Insertion into the sorted prefix: O(N · elites), no allocation.
    mutating func selectElites() -> Double {
        var filled = 0
        for i in 0..<samples {
            let cost = costs[i].isNaN ? Double.infinity : costs[i]
            if filled == elites, cost >= rank(eliteIndices[elites - 1]) { continue }
            var position = min(filled, elites - 1)
            while position > 0, rank(eliteIndices[position - 1]) > cost {
                eliteIndices[position] = eliteIndices[position - 1]
                position -= 1
            }
            eliteIndices[position] = i
            filled = min(filled + 1, elites)
        }
        return rank(eliteIndices[0])
    }

    private func rank(_ sample: Int) -> Double {
        costs[sample].isNaN ? .infinity : costs[sample]
    }

    /// Refits the plan's mean and standard deviation to the elites.
    ///
    /// - Parameters:
    ///   - spread: each action entry's half-range; `minimumStd` and `maximumStd` are fractions of it.
    mutating func refit(_ plan: inout GaussianPlan, weighting: PlannerConfig.Weighting, spread: [Float],
                        minimumStd: Float, maximumStd: Float) {
        setEliteWeights(weighting)
        let a = plan.actionDimension
        for t in actions.indices {
            actions[t].storage.withUnsafeBufferPointer { rows in
                for j in 0..<a {
                    var mean = 0.0
                    for (k, i) in eliteIndices.enumerated() { mean += eliteWeights[k] * Double(rows[i * a + j]) }
                    var variance = 0.0
                    for (k, i) in eliteIndices.enumerated() {
                        let d = Double(rows[i * a + j]) - mean
                        variance += eliteWeights[k] * d * d
                    }
                    let std = Float(variance.squareRoot())
                    plan.mean[t * a + j] = Float(mean)
                    plan.std[t * a + j] = min(max(std, minimumStd * spread[j]), maximumStd * spread[j])
                }
            }
        }
    }

    /// Normalised weights of the elites: equal, or `exp(-temperature · (cost - best))`.
    private mutating func setEliteWeights(_ weighting: PlannerConfig.Weighting) {
        switch weighting {
        case .uniform:
            for k in 0..<elites { eliteWeights[k] = 1 / Double(elites) }
        case let .exponential(temperature):
            let best = rank(eliteIndices[0])
            guard best.isFinite else { return setEliteWeights(.uniform) }
            var total = 0.0
            for k in 0..<elites {
                let excess = rank(eliteIndices[k]) - best
                eliteWeights[k] = excess.isFinite ? exp(-temperature * excess) : 0
                total += eliteWeights[k]
            }
            for k in 0..<elites { eliteWeights[k] /= total }
        }
    }
}
