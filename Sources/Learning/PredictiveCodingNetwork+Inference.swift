import TensorCore

/// Inference (relaxation of the value nodes) and local learning.
extension PredictiveCodingNetwork {
    /// Relaxes on one batch and leaves ∂F/∂parameters / B in `workspace.gradients`, without changing the weights.
    ///
    /// input [B, n_0], target [B, n_L]. For `.incremental` this runs like `.standard`
    /// (weights cannot move without an optimizer). Throws `TrainingError` on a non-finite energy.
    @discardableResult
    public func computeGradients(input: Matrix, target: Matrix, workspace: inout PCWorkspace) throws -> PCStepReport {
        var weights = parameters
        var report = try Self.relax(input: input, target: target, config: config, layers: layers, parameters: &weights,
                                    workspace: &workspace) { _, _ in 0 }
        report.gemmFLOPs += workspace.writeWeightGradients(layers: layers)
        return report
    }

    /// One training step on a batch: inference, then the weight update with `optimizer`.
    ///
    /// input [B, n_0], target [B, n_L]. Throws `TrainingError` naming the step if the
    /// energy or the weights become non-finite.
    @discardableResult
    public mutating func train<O: Optimizer>(input: Matrix, target: Matrix, optimizer: inout O,
                                             workspace: inout PCWorkspace) throws -> PCStepReport {
        let layers = self.layers
        func update(_ parameters: inout [Float], _ workspace: inout PCWorkspace) -> Int {
            let flops = workspace.writeWeightGradients(layers: layers)
            optimizer.step(parameters: &parameters, gradients: workspace.gradients)
            return flops
        }
        let incremental = config.variant == .incremental
        var report = try Self.relax(input: input, target: target, config: config, layers: layers, parameters: &parameters,
                                    workspace: &workspace) { incremental ? update(&$0, &$1) : 0 }
        if !incremental { report.gemmFLOPs += update(&parameters, &workspace) }
        try TrainingGuard.check(parameters: parameters, step: workspace.step)
        workspace.step += 1
        return report
    }

    /// Applies `gradients` with `optimizer` and counts the step: the weight update of `train` after inference,
    /// for gradients from `computeGradients` that were combined with other processes' first.
    ///
    /// Throws `TrainingError` naming the step if the weights become non-finite.
    public mutating func apply<O: Optimizer>(gradients: [Float], optimizer: inout O, workspace: inout PCWorkspace) throws {
        optimizer.step(parameters: &parameters, gradients: gradients)
        try TrainingGuard.check(parameters: parameters, step: workspace.step)
        workspace.step += 1
    }

    /// Clamps, initialises by feedforward and runs up to T inference steps.
    ///
    /// For incremental PC, `weightUpdate` (which returns its GEMM FLOPs) runs in every step,
    /// after the errors are propagated and before the value nodes move, so weights and values
    /// update from the same errors.
    ///
    /// After the feedforward initialisation only the output error is non-zero, and in step t
    /// the change can only have reached the t layers below the output: with fixed weights,
    /// layers further down keep ε = 0 and unchanged values. Their GEMMs are skipped (exact,
    /// not an approximation), so step 1 of a 256-256 network costs only the output layer.
    static func relax(input: Matrix, target: Matrix, config: PCConfig, layers: [Dense], parameters: inout [Float],
                      workspace: inout PCWorkspace,
                      weightUpdate: (inout [Float], inout PCWorkspace) -> Int) throws -> PCStepReport {
        let depth = workspace.depth
        precondition(input.cols == config.layerSizes[0] && target.cols == config.layerSizes[depth] && input.rows == target.rows,
                     "PredictiveCodingNetwork: input \(input.shape) and target \(target.shape) do not match layer sizes \(config.layerSizes)")
        workspace.feedforward(input, layers: layers, parameters: parameters, config: config)
        var flops = layers.reduce(0) { $0 + $1.flops(rows: input.rows) }
        workspace.x[depth].assign(target)
        for l in 1..<depth { workspace.velocity[l].fill(0) }
        workspace.updateErrors(1...depth)
        var energy = workspace.measureEnergies()
        let initialEnergy = energy
        let outputLoss = 2 * workspace.energies[depth - 1] / Double(max(target.count, 1))
        let step = workspace.step
        try TrainingGuard.check(energy, "energy", step: step, detail: "after the feedforward pass")
        workspace.trace.removeAll(keepingCapacity: true)
        workspace.trace.append(energy)
        var used = 0
        var lowestActive = depth
        while used < config.inferenceSteps {
            flops += inferenceStep(lowestActive: lowestActive, config: config, layers: layers, parameters: &parameters,
                                   workspace: &workspace, weightUpdate: weightUpdate)
            lowestActive = config.variant == .incremental ? 1 : max(1, lowestActive - 1)
            used += 1
            let previous = energy
            energy = workspace.measureEnergies()
            workspace.trace.append(energy)
            try TrainingGuard.check(energy, "energy", step: step, detail: "inference step \(used)")
            if config.energyTolerance > 0 && abs(previous - energy) <= Double(config.energyTolerance) * previous { break }
        }
        return PCStepReport(energies: workspace.energies, initialEnergy: initialEnergy, energyTrace: workspace.trace,
                            inferenceSteps: used, outputLoss: outputLoss, gemmFLOPs: flops)
    }

    /// One synchronous update of the hidden value nodes from the current errors, then new
    /// predictions and errors; layers below `lowestActive − 1` have ε = 0 and no error from
    /// above, so they are left alone. Returns the GEMM FLOPs.
    private static func inferenceStep(lowestActive: Int, config: PCConfig, layers: [Dense], parameters: inout [Float],
                                      workspace: inout PCWorkspace,
                                      weightUpdate: (inout [Float], inout PCWorkspace) -> Int) -> Int {
        let depth = workspace.depth, rows = workspace.rows
        let moving = max(1, lowestActive - 1)..<depth
        var flops = 0
        for l in moving {
            layers[l].backwardInput(workspace.eps[l + 1], parameters: parameters, into: &workspace.back[l])
            flops += layers[l].flops(rows: rows)
        }
        if config.variant == .incremental { flops += weightUpdate(&parameters, &workspace) }
        let fixed = config.variant == .fixedPrediction
        for l in moving {
            workspace.updateValueNodes(layer: l, rate: config.inferenceRate, momentum: config.valueOptimizer.momentum,
                                       activation: config.activation, fixedPrediction: fixed)
        }
        if fixed { return flops }
        let predicted = config.variant == .incremental ? 1...depth : (moving.lowerBound + 1)...depth
        workspace.predict(predicted, layers: layers, parameters: parameters)
        flops += predicted.reduce(0) { $0 + layers[$1 - 1].flops(rows: rows) }
        workspace.updateErrors(config.variant == .incremental ? 1...depth : moving.lowerBound...depth)
        return flops
    }
}

extension PCWorkspace {
    /// Writes ∂F/∂W_l / B = −ε_lᵀ f(x_{l−1}) / B and ∂F/∂b_l / B = −Σ ε_l / B into `gradients`; returns the GEMM FLOPs.
    mutating func writeWeightGradients(layers: [Dense]) -> Int {
        let scale = -1 / Float(rows)
        for l in 1...depth {
            layers[l - 1].accumulateGradients(eps[l], input: fx[l - 1], scale: scale, accumulate: false, into: &gradients)
        }
        return layers.reduce(0) { $0 + $1.flops(rows: rows) }
    }
}
