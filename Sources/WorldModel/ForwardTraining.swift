import Learning
import TensorCore

/// The trainer's side of a forward model: one Adam per ensemble member and the training buffers.
///
/// The model itself stays a value (`ForwardModel`); an epoch takes it `inout`. Members train in
/// lockstep on the same batches: predictive coding through `PredictiveCodingNetwork` (inference,
/// then local weight updates), backprop through `MLP`'s backward pass.
///
/// Across the ranks of a job (synchronous data parallelism), each rank takes its consecutive part
/// of every batch (`Communicator.share`); the parts' gradients, weighted by their share of the
/// batch, are summed (`allreduceSum`) before the same optimizer step on every rank, so every rank
/// keeps the same weights. In one process the steps are exactly those of the plain training.
public struct ForwardTraining: Sendable {
    /// The members' weight optimizers, in member order.
    public private(set) var optimizers: [Adam]
    private var workspaces: [MLPWorkspace] = []
    private var gradients: [[Float]] = []
    private var gradient = Matrix(rows: 0, cols: 0)
    /// A predictive-coding member's gradients on their way through the ranks' sum.
    private var summed: [Float] = []

    /// Fresh optimizers for `model`'s members (AdamW with a positive decoupled `weightDecay`).
    public init(for model: ForwardModel, learningRate: Float, weightDecay: Float = 0) {
        optimizers = model.members.map { _ in Adam(learningRate: learningRate, weightDecay: weightDecay > 0 ? .decoupled(weightDecay) : .none) }
    }

    /// The members' learning rate.
    public var learningRate: Float {
        get { optimizers[0].learningRate }
        set { for index in optimizers.indices { optimizers[index].learningRate = newValue } }
    }

    /// The optimizers' state: the members' buffers concatenated in member order (they step together).
    public var optimizerState: OptimizerState {
        var state = optimizers[0].state
        for key in state.buffers.keys { state.buffers[key] = optimizers.flatMap { $0.state.buffers[key] ?? [] } }
        return state
    }

    /// Resumes the optimizers from `optimizerState`'s layout.
    public mutating func restoreOptimizer(_ state: OptimizerState) throws {
        for index in optimizers.indices {
            var own = state
            for (key, values) in state.buffers {
                let count = values.count / optimizers.count
                own.buffers[key] = Array(values[index * count..<(index + 1) * count])
            }
            try optimizers[index].restore(own)
        }
    }

    /// Trains `model` one epoch on standardised `inputs`/`targets` visiting rows in `order`; returns the mean
    /// output MSE (over batches and members).
    ///
    /// Every rank of `communicator` passes the same arguments and trains on its part of each batch.
    /// Throws `DistributedTrainingError` for incremental predictive coding on several ranks.
    public mutating func trainEpoch(_ model: inout ForwardModel, inputs: Matrix, targets: Matrix, order: [Int], batchSize: Int,
                                    communicator: any Communicator = SingleProcess(),
                                    progress: (Int) -> Void = { _ in }) throws -> Double {
        precondition(model.members.count == optimizers.count, "ForwardTraining: made for an ensemble of \(optimizers.count)")
        if model.rule == .pc && model.pcConfig.variant == .incremental && communicator.size > 1 {
            throw DistributedTrainingError.incrementalPredictiveCoding(ranks: communicator.size)
        }
        var networks = model.rule == .pc ? model.members.map { PredictiveCodingNetwork(config: model.pcConfig, parameters: $0.parameters) } : []
        var pcWorkspaces = networks.map { PCWorkspace(for: $0) }
        if model.rule == .bp && workspaces.count != model.members.count {
            workspaces = model.members.map { MLPWorkspace(for: $0) }
            gradients = model.members.map { $0.zeroGradients() }
        }
        var total = 0.0, batches = 0, start = 0
        while start < order.count {
            let end = min(start + batchSize, order.count)
            let part = communicator.share(of: end - start)
            let rows = Array(order[(start + part.lowerBound)..<(start + part.upperBound)])
            let share = Share(rows: rows.count, of: end - start)
            start = end
            let x = inputs.gatherRows(rows), y = targets.gatherRows(rows)
            var loss = 0.0
            for index in optimizers.indices {
                if model.rule == .pc {
                    loss += try predictiveCodingStep(&networks[index], index: index, input: x, target: y,
                                                     workspace: &pcWorkspaces[index], share: share, communicator: communicator)
                } else {
                    loss += try backpropStep(&model.members[index], index: index, input: x, target: y, share: share,
                                             communicator: communicator)
                }
            }
            loss /= Double(optimizers.count)
            guard loss.isFinite else { throw TrainingError(quantity: "loss", step: batches, detail: "\(model.rule.rawValue) forward model") }
            total += loss * share.weight
            batches += 1
            progress(end)
        }
        for (index, network) in networks.enumerated() { model.members[index].parameters = network.parameters }
        var totals = [total]
        try communicator.allreduceSum(&totals)
        return batches > 0 ? totals[0] / Double(batches) : 0
    }

    /// One predictive-coding step of member `index` on this rank's part of a standardised batch; returns the
    /// part's output MSE before the step.
    ///
    /// In one process this is `PredictiveCodingNetwork.train`; across ranks the weight gradients of inference
    /// are weighted by the part's share, summed over the ranks and applied.
    private mutating func predictiveCodingStep(_ network: inout PredictiveCodingNetwork, index: Int, input: Matrix, target: Matrix,
                                               workspace: inout PCWorkspace, share: Share,
                                               communicator: any Communicator) throws -> Double {
        guard communicator.size > 1 else {
            return try network.train(input: input, target: target, optimizer: &optimizers[index], workspace: &workspace).outputLoss
        }
        if summed.count != network.parameters.count { summed = [Float](repeating: 0, count: network.parameters.count) }
        var loss = 0.0
        if input.rows > 0 {
            loss = try network.computeGradients(input: input, target: target, workspace: &workspace).outputLoss
            summed.withUnsafeMutableBufferPointer { destination in
                workspace.gradients.withUnsafeBufferPointer { _ = destination.update(fromContentsOf: $0) }
            }
            share.scale(&summed)
        } else {
            summed.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        try communicator.allreduceSum(&summed)
        try network.apply(gradients: summed, optimizer: &optimizers[index], workspace: &workspace)
        return loss
    }

    /// One backprop step of member `index` on this rank's part of a standardised batch; returns the part's
    /// output MSE before the step (the loss gradient weighted by the part's share, the parameter gradients summed over
    /// the ranks).
    private mutating func backpropStep(_ member: inout MLP, index: Int, input: Matrix, target: Matrix, share: Share,
                                       communicator: any Communicator) throws -> Double {
        gradients[index].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        var loss = 0.0
        if input.rows > 0 {
            if gradient.rows != input.rows || gradient.cols != target.cols { gradient = Matrix(rows: input.rows, cols: target.cols) }
            loss = Double(MeanSquaredError()(member.forward(input, workspace: &workspaces[index]), target, gradient: &gradient))
            share.scale(&gradient.storage)
            member.accumulateParameterGradients(gradient, workspace: &workspaces[index], gradients: &gradients[index])
        }
        try communicator.allreduceSum(&gradients[index])
        optimizers[index].step(parameters: &member.parameters, gradients: gradients[index])
        return loss
    }

}
