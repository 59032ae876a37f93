import TensorCore

/// How much an ensemble's members disagree about where candidate action sequences lead (Plan2Explore's novelty).
///
/// Each member is rolled out alone (one `Rollout` per member, all candidates as one batch); a candidate's
/// score is the variance across members of the predicted state entries in `columns`, summed over those
/// entries and over steps 1...H.
public struct EnsembleDisagreement: Sendable {
    /// The state entries compared (body positions, say, so that metres are not summed with radians per second).
    public let columns: [Int]
    private var members: [Rollout<ForwardModel>]
    private var starts = Matrix(rows: 0, cols: 0)
    private var trajectories: [Matrix]

    /// The disagreement of `model`'s members (an ensemble of at least two) on the state entries `columns`.
    public init(model: ForwardModel, columns: [Int]) {
        precondition(model.ensembleSize > 1, "EnsembleDisagreement: needs an ensemble of at least two members")
        self.columns = columns
        members = (0..<model.ensembleSize).map { Rollout(model: model.member($0)) }
        trajectories = members.map { _ in Matrix(rows: 0, cols: 0) }
    }

    /// The score of each of N candidates from `state`, given as an action block `[H * N, A]` (row `h * N + n`
    /// is candidate n's action at step h).
    public mutating func scores(from state: [Float], candidates: Matrix, count n: Int) -> [Double] {
        starts.resize(rows: n, cols: state.count)
        for r in 0..<n { for c in state.indices { starts[r, c] = state[c] } }
        for index in members.indices { members[index].run(starts: starts, actions: candidates, into: &trajectories[index]) }
        let steps = candidates.rows / n, m = Double(members.count)
        var scores = [Double](repeating: 0, count: n)
        for h in 1...steps {
            for candidate in 0..<n {
                let row = h * n + candidate
                for c in columns {
                    var sum = 0.0, square = 0.0
                    for trajectory in trajectories {
                        let v = Double(trajectory[row, c])
                        sum += v
                        square += v * v
                    }
                    scores[candidate] += max(square / m - (sum / m) * (sum / m), 0)
                }
            }
        }
        return scores
    }

    /// The candidate the members disagree on most (the first of equals).
    public mutating func mostDisputed(from state: [Float], candidates: Matrix, count n: Int) -> Int {
        let values = scores(from: state, candidates: candidates, count: n)
        return values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) }!
    }
}
