import Learning
import TensorCore

/// One caller's buffers for a `ForwardModel`'s predictions: sized on first use, reused after.
public struct ForwardWorkspace: Sendable {
    var members: [MLPWorkspace]
    var inputs = Matrix(rows: 0, cols: 0)
    var mean = Matrix(rows: 0, cols: 0)

    /// Empty buffers for `model`.
    public init(for model: ForwardModel) {
        members = model.members.map { MLPWorkspace(for: $0) }
    }
}

extension ForwardModel {
    /// The feedforward prediction on standardised inputs (standardised `Δx`): the members' mean.
    ///
    /// The result shares storage with a workspace buffer: release it before the next call.
    public func predictStandardized(_ inputs: Matrix, workspace: inout ForwardWorkspace) -> Matrix {
        averageMembers(inputs, workspace: &workspace)
        return workspace.mean
    }

    /// Leaves the members' mean prediction on standardised `inputs` in `workspace.mean`.
    func averageMembers(_ inputs: Matrix, workspace: inout ForwardWorkspace) {
        precondition(workspace.members.count == members.count, "ForwardModel: workspace made for another model")
        workspace.mean.resize(rows: inputs.rows, cols: pcConfig.layerSizes.last!)
        workspace.mean.assign(members[0].forward(inputs, workspace: &workspace.members[0]))
        for index in members.indices.dropFirst() {
            workspace.mean.add(members[index].forward(inputs, workspace: &workspace.members[index]))
        }
        if members.count > 1 { workspace.mean.scale(by: 1 / Float(members.count)) }
    }

    /// Mean squared error on standardised data (validation), in chunks of `chunk` rows.
    ///
    /// Chunks keep the networks' activations at chunk size instead of the whole validation set's
    /// (which, per member and rule, ran to gigabytes on 20,000-episode datasets).
    public func loss(inputs: Matrix, targets: Matrix, chunk: Int = 4096) -> Double {
        var workspace = ForwardWorkspace(for: self)
        var total = 0.0, start = 0
        while start < inputs.rows {
            let end = min(start + chunk, inputs.rows)
            let error = MeanSquaredError()(predictStandardized(inputs.rows(start..<end), workspace: &workspace),
                                           targets.rows(start..<end))
            total += Double(error) * Double(end - start)
            start = end
        }
        return total / Double(max(inputs.rows, 1))
    }

    /// One step for a batch: `next = x + Δx` for `x` `[B, X]` and actions `[B, A]`, in the units of `x`.
    ///
    /// Writes into `next` (reshaped to `[B, X]`); allocates nothing once the workspace has seen batch size B.
    public func predictNext(_ x: Matrix, actions: Matrix, into next: inout Matrix, workspace: inout ForwardWorkspace) {
        if let layout {
            layout.inputs(states: x, actions: actions, into: &workspace.inputs)
        } else {
            workspace.inputs.resize(rows: x.rows, cols: x.cols + actions.cols)
            workspace.inputs.setColumns(x, actions)
        }
        inputNormalizer.apply(&workspace.inputs)
        averageMembers(workspace.inputs, workspace: &workspace)
        invertTargetStandardization(&workspace.mean)
        next.resize(rows: x.rows, cols: x.cols)
        next.assign(x)
        if let layout { layout.apply(workspace.mean, to: &next) } else { next.add(workspace.mean) }
    }

    /// One step: `x + Δx` for `x` `[B, X]` and actions `[B, A]` (a fresh workspace; for occasional calls).
    public func predictNext(_ x: Matrix, actions: Matrix) -> Matrix {
        var workspace = ForwardWorkspace(for: self), next = Matrix(rows: 0, cols: 0)
        predictNext(x, actions: actions, into: &next, workspace: &workspace)
        return next
    }

    /// `unstandardizeTargets` without reshaping: row r of a factorised model is body `r % bodies`.
    func invertTargetStandardization(_ targets: inout Matrix) {
        let bodies = layout?.bodyCount ?? 1, cols = targets.cols, mean = targetNormalizer.mean, std = targetNormalizer.std
        precondition(cols * bodies == targetNormalizer.count, "ForwardModel: targets have \(cols) columns")
        for r in 0..<targets.rows {
            let offset = (r % bodies) * cols
            for c in 0..<cols { targets[r, c] = targets[r, c] * std[offset + c] + mean[offset + c] }
        }
    }
}
