import TensorCore

/// Inference (relaxation of the value nodes) and local learning.
extension PredictiveCodingNetwork {
    /// Relaxes on one batch and leaves ∂F/∂parameters / B in `gradients`, without changing the weights.
    ///
    /// input [B, n_0], target [B, n_L]. For `.incremental` this runs like `.standard`
    /// (weights cannot move without an optimizer). Throws `TrainingError` on a non-finite energy.
    @discardableResult
    public func computeGradients(input: Matrix, target: Matrix) throws -> PCStepReport {
        let report = try relax(input: input, target: target) {}
        writeWeightGradients()
        return report
    }

    /// One training step on a batch: inference, then the weight update with `optimizer`.
    ///
    /// input [B, n_0], target [B, n_L]. Throws `TrainingError` naming the step if the
    /// energy or the weights become non-finite.
    @discardableResult
    public func train<O: Optimizer>(input: Matrix, target: Matrix, optimizer: inout O) throws -> PCStepReport {
        let report = try relax(input: input, target: target) {
            writeWeightGradients()
            optimizer.step(parameters: &parameters, gradients: gradients)
        }
        if config.variant != .incremental {
            writeWeightGradients()
            optimizer.step(parameters: &parameters, gradients: gradients)
        }
        try TrainingGuard.check(parameters: parameters, step: step)
        step += 1
        return report
    }

    /// Writes ∂F/∂W_l / B = −ε_lᵀ f(x_{l−1}) / B and ∂F/∂b_l / B = −Σ ε_l / B into `gradients`.
    func writeWeightGradients() {
        let scale = -1 / Float(workspace.rows)
        for l in 1...workspace.depth {
            layers[l - 1].accumulateGradients(workspace.eps[l], input: workspace.fx[l - 1], scale: scale,
                                              accumulate: false, into: &gradients)
        }
    }

    /// Clamps, initialises by feedforward and runs up to T inference steps.
    ///
    /// For incremental PC, `weightUpdate` runs in every step, after the errors are propagated
    /// and before the value nodes move, so weights and values update from the same errors.
    func relax(input: Matrix, target: Matrix, weightUpdate: () -> Void) throws -> PCStepReport {
        let depth = workspace.depth
        precondition(input.cols == config.layerSizes[0] && target.cols == config.layerSizes[depth] && input.rows == target.rows,
                     "PredictiveCodingNetwork: input \(input.shape) and target \(target.shape) do not match layer sizes \(config.layerSizes)")
        workspace.feedforward(input, layers: layers, parameters: parameters, config: config)
        workspace.x[depth].assign(target)
        for l in 1..<depth { workspace.velocity[l].fill(0) }
        workspace.updateErrors(1...depth)
        var energy = workspace.measureEnergies()
        let initialEnergy = energy
        let outputLoss = 2 * workspace.energies[depth - 1] / Double(max(target.count, 1))
        try TrainingGuard.check(energy, "energy", step: step, detail: "after the feedforward pass")
        workspace.trace.removeAll(keepingCapacity: true)
        workspace.trace.append(energy)
        var used = 0
        while used < config.inferenceSteps {
            inferenceStep(weightUpdate: weightUpdate)
            used += 1
            let previous = energy
            energy = workspace.measureEnergies()
            workspace.trace.append(energy)
            try TrainingGuard.check(energy, "energy", step: step, detail: "inference step \(used)")
            if config.energyTolerance > 0 && abs(previous - energy) <= Double(config.energyTolerance) * previous { break }
        }
        return PCStepReport(energies: workspace.energies, initialEnergy: initialEnergy, energyTrace: workspace.trace,
                            inferenceSteps: used, outputLoss: outputLoss)
    }

    /// One synchronous update of every hidden value node from the current errors, then new predictions and errors.
    private func inferenceStep(weightUpdate: () -> Void) {
        let depth = workspace.depth
        for l in 1..<depth {
            layers[l].backwardInput(workspace.eps[l + 1], parameters: parameters, into: &workspace.back[l])
        }
        if config.variant == .incremental { weightUpdate() }
        let fixed = config.variant == .fixedPrediction
        for l in 1..<depth {
            workspace.updateValueNodes(layer: l, rate: config.inferenceRate, momentum: config.valueOptimizer.momentum,
                                       activation: config.activation, fixedPrediction: fixed)
        }
        if fixed { return }
        let first = config.variant == .incremental ? 1 : 2
        if first <= depth { workspace.predict(first...depth, layers: layers, parameters: parameters) }
        workspace.updateErrors(1...depth)
    }
}
