import TensorCore

/// The forward and backward passes of `MLP`, through a caller-owned workspace.
///
/// The passes run as mutating methods of `MLPWorkspace`, so the layer buffers they read
/// and write at once are disjoint stored properties (no dynamic exclusivity conflicts).
extension MLP {
    /// Forward: x [B, inputSize] → y [B, outputSize], keeping every layer's activations in `workspace` for `backward`.
    ///
    /// The result shares storage with a workspace buffer (copy-on-write): release it before the next
    /// pass through the same workspace and the passes allocate nothing once the batch size is steady.
    @discardableResult
    public func forward(_ x: Matrix, workspace: inout MLPWorkspace) -> Matrix {
        precondition(x.cols == config.inputSize, "MLP.forward: input has \(x.cols) features, expected \(config.inputSize)")
        workspace.forward(x, model: self)
        return workspace.layerOutput(layers.count - 1, config: config)
    }

    /// Backward: given dL/dy [B, outputSize] for the workspace's last `forward`, adds dL/dparameters to
    /// `gradients` (in `layout` order) and returns dL/dx [B, inputSize].
    @discardableResult
    public func backward(_ gradOutput: Matrix, workspace: inout MLPWorkspace, gradients: inout [Float]) -> Matrix {
        workspace.backward(gradOutput, model: self, gradients: &gradients, inputGradient: true)
        return workspace.gradInput[0]
    }

    /// Backward without the input gradient (saves the first layer's dx GEMM): adds dL/dparameters to `gradients`.
    public func accumulateParameterGradients(_ gradOutput: Matrix, workspace: inout MLPWorkspace, gradients: inout [Float]) {
        workspace.backward(gradOutput, model: self, gradients: &gradients, inputGradient: false)
    }
}

extension MLPWorkspace {
    /// The input to layer i's nonlinearity: the LayerNorm output if any, else the Dense output.
    func preActivation(_ i: Int, config: MLPConfig) -> Matrix {
        config.layerNorm && i < linear.count - 1 ? normalized[i] : linear[i]
    }

    /// The output of layer i (after its nonlinearity).
    func layerOutput(_ i: Int, config: MLPConfig) -> Matrix {
        let activation = i < linear.count - 1 ? config.activation : config.outputActivation
        return activation == .identity ? preActivation(i, config: config) : activated[i]
    }

    /// Runs every layer on x [B, inputSize], filling the buffers.
    mutating func forward(_ x: Matrix, model: MLP) {
        let config = model.config, last = model.layers.count - 1
        precondition(linear.count == model.layers.count && linear[last].cols == config.outputSize,
                     "MLPWorkspace: sized for another architecture than \(config.layerSizes)")
        resize(rows: x.rows)
        // A copy, not a reference: callers refill their input buffers in place, which a held reference would make copy-on-write.
        input.resize(rows: x.rows, cols: x.cols)
        input.assign(x)
        for i in 0...last {
            model.layers[i].forward(i == 0 ? input : layerOutput(i - 1, config: config),
                                    parameters: model.parameters, into: &linear[i])
            if i < last && config.layerNorm {
                model.norms[i].forward(linear[i], parameters: model.parameters, into: &normalized[i],
                                       mean: &mean[i], rstd: &rstd[i])
            }
            let activation = i < last ? config.activation : config.outputActivation
            if activation != .identity {
                activation.forward(preActivation(i, config: config), into: &activated[i])
            }
        }
    }

    /// Propagates dL/dy [B, outputSize] back through every layer, adding parameter gradients to `gradients`
    /// and leaving dL/dx in `gradInput[0]` when `inputGradient`.
    mutating func backward(_ gradOutput: Matrix, model: MLP, gradients: inout [Float], inputGradient: Bool) {
        let config = model.config, last = model.layers.count - 1
        precondition(gradOutput.rows == rows && gradOutput.cols == config.outputSize,
                     "MLP.backward: gradient is \(gradOutput.shape), expected [\(rows), \(config.outputSize)] (call forward first)")
        precondition(gradients.count == model.layout.count,
                     "MLP.backward: \(gradients.count) gradient entries, the model has \(model.layout.count) parameters")
        for i in stride(from: last, through: 0, by: -1) {
            let activation = i < last ? config.activation : config.outputActivation
            var grad = i < last ? gradInput[i + 1] : gradOutput
            if activation != .identity {
                activation.backward(input: preActivation(i, config: config), output: activated[i], gradOutput: grad,
                                    into: &gradPre[i])
                grad = gradPre[i]
            }
            if i < last && config.layerNorm {
                model.norms[i].backward(grad, input: linear[i], mean: mean[i], rstd: rstd[i],
                                        parameters: model.parameters, gradients: &gradients, into: &gradLinear[i])
                grad = gradLinear[i]
            }
            model.layers[i].accumulateGradients(grad, input: i == 0 ? input : layerOutput(i - 1, config: config),
                                                into: &gradients)
            if i > 0 || inputGradient {
                model.layers[i].backwardInput(grad, parameters: model.parameters, into: &gradInput[i])
            }
        }
    }
}
