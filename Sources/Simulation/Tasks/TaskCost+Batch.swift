import TensorCore

extension TaskCost {
    /// The costs of `costs.count` state vectors stored row after row in `states` (`[N, stateWidth]`), into `costs`.
    ///
    /// Each row gets exactly the value `cost(of:)` gives it; nothing is allocated.
    public mutating func costs(of states: UnsafeBufferPointer<Float>, into costs: UnsafeMutableBufferPointer<Double>) {
        precondition(states.count == costs.count * stateWidth,
                     "\(states.count) state entries for \(costs.count) costs of \(stateWidth)-entry states")
        for row in costs.indices {
            costs[row] = cost(of: UnsafeBufferPointer(rebasing: states[(row * stateWidth)..<((row + 1) * stateWidth)]))
        }
    }

    /// The costs of the rows of `states` (`[N, stateWidth]`), into `costs` (resized to N; no allocation once large enough).
    public mutating func costs(of states: Matrix, into costs: inout [Double]) {
        precondition(states.cols == stateWidth, "states have \(states.cols) columns, the task's states \(stateWidth)")
        if costs.count != states.rows {
            costs.removeAll(keepingCapacity: true)
            costs.append(contentsOf: repeatElement(0, count: states.rows))
        }
        costs.withUnsafeMutableBufferPointer { output in
            states.storage.withUnsafeBufferPointer { self.costs(of: $0, into: output) }
        }
    }
}
