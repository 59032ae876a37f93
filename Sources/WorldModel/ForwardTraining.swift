import Learning
import TensorCore

/// The trainer's side of a forward model: one Adam per ensemble member and the training buffers.
///
/// The model itself stays a value (`ForwardModel`); an epoch takes it `inout`. Members train in
/// lockstep on the same batches: predictive coding through `PredictiveCodingNetwork` (inference,
/// then local weight updates), backprop through `MLP`'s backward pass.
public struct ForwardTraining: Sendable {
    /// The members' weight optimizers, in member order.
    public private(set) var optimizers: [Adam]
    private var workspaces: [MLPWorkspace] = []
    private var gradients: [[Float]] = []
    private var gradient = Matrix(rows: 0, cols: 0)

    /// Fresh optimizers for `model`'s members.
    public init(for model: ForwardModel, learningRate: Float) {
        optimizers = model.members.map { _ in Adam(learningRate: learningRate) }
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
    public mutating func trainEpoch(_ model: inout ForwardModel, inputs: Matrix, targets: Matrix, order: [Int], batchSize: Int,
                                    progress: (Int) -> Void = { _ in }) throws -> Double {
        precondition(model.members.count == optimizers.count, "ForwardTraining: made for an ensemble of \(optimizers.count)")
        var networks = model.rule == .pc ? model.members.map { PredictiveCodingNetwork(config: model.pcConfig, parameters: $0.parameters) } : []
        var pcWorkspaces = networks.map { PCWorkspace(for: $0) }
        if model.rule == .bp && workspaces.count != model.members.count {
            workspaces = model.members.map { MLPWorkspace(for: $0) }
            gradients = model.members.map { $0.zeroGradients() }
        }
        var total = 0.0, batches = 0, start = 0
        while start < order.count {
            let end = min(start + batchSize, order.count)
            let rows = Array(order[start..<end])
            start = end
            let x = inputs.gatherRows(rows), y = targets.gatherRows(rows)
            var loss = 0.0
            for index in optimizers.indices {
                if model.rule == .pc {
                    loss += try networks[index].train(input: x, target: y, optimizer: &optimizers[index],
                                                      workspace: &pcWorkspaces[index]).outputLoss
                } else {
                    loss += backpropStep(&model.members[index], index: index, input: x, target: y)
                }
            }
            loss /= Double(optimizers.count)
            guard loss.isFinite else { throw TrainingError(quantity: "loss", step: batches, detail: "\(model.rule.rawValue) forward model") }
            total += loss
            batches += 1
            progress(end)
        }
        for (index, network) in networks.enumerated() { model.members[index].parameters = network.parameters }
        return batches > 0 ? total / Double(batches) : 0
    }

    /// One backprop step of member `index` on a standardised batch; returns the output MSE before the step.
    private mutating func backpropStep(_ member: inout MLP, index: Int, input: Matrix, target: Matrix) -> Double {
        if gradient.rows != input.rows || gradient.cols != target.cols { gradient = Matrix(rows: input.rows, cols: target.cols) }
        gradients[index].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        let loss = Double(MeanSquaredError()(member.forward(input, workspace: &workspaces[index]), target, gradient: &gradient))
        member.accumulateParameterGradients(gradient, workspace: &workspaces[index], gradients: &gradients[index])
        optimizers[index].step(parameters: &member.parameters, gradients: gradients[index])
        return loss
    }

}
