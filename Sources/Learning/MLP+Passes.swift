import TensorCore

/// The forward and backward passes of `MLP`.
extension MLP {
    /// Forward: x [B, inputSize] → y [B, outputSize], keeping every layer's activations for `backward`.
    ///
    /// The result shares storage with an internal buffer (copy-on-write): holding on to it
    /// across the next `forward` costs one copy then.
    @discardableResult
    public func forward(_ x: Matrix) -> Matrix {
        precondition(x.cols == config.inputSize, "MLP.forward: input has \(x.cols) features, expected \(config.inputSize)")
        workspace.resize(rows: x.rows)
        workspace.input = x
        for i in layers.indices {
            let input = i == 0 ? workspace.input : layerOutput(i - 1)
            layers[i].forward(input, parameters: parameters, into: &workspace.linear[i])
            let hidden = i < layers.count - 1
            if hidden && config.layerNorm {
                norms[i].forward(workspace.linear[i], parameters: parameters, into: &workspace.normalized[i],
                                 mean: &workspace.mean[i], rstd: &workspace.rstd[i])
            }
            let activation = hidden ? config.activation : config.outputActivation
            if activation != .identity {
                activation.forward(preActivation(i), into: &workspace.activated[i])
            }
        }
        return layerOutput(layers.count - 1)
    }

    /// Backward: given dL/dy [B, outputSize] for the last `forward`, adds dL/dparameters to
    /// `gradients` and returns dL/dx [B, inputSize].
    @discardableResult
    public func backward(_ gradOutput: Matrix) -> Matrix {
        backpropagate(gradOutput, inputGradient: true)
        return workspace.gradInput[0]
    }

    /// Backward without the input gradient (saves the first layer's dx GEMM): adds dL/dparameters to `gradients`.
    public func accumulateParameterGradients(_ gradOutput: Matrix) {
        backpropagate(gradOutput, inputGradient: false)
    }

    /// The input to the nonlinearity of layer i: the LayerNorm output if any, else the Dense output.
    func preActivation(_ i: Int) -> Matrix {
        config.layerNorm && i < layers.count - 1 ? workspace.normalized[i] : workspace.linear[i]
    }

    /// The output of layer i (after its nonlinearity).
    func layerOutput(_ i: Int) -> Matrix {
        let activation = i < layers.count - 1 ? config.activation : config.outputActivation
        return activation == .identity ? preActivation(i) : workspace.activated[i]
    }

    private func backpropagate(_ gradOutput: Matrix, inputGradient: Bool) {
        precondition(gradOutput.rows == workspace.rows && gradOutput.cols == config.outputSize,
                     "MLP.backward: gradient is \(gradOutput.shape), expected [\(workspace.rows), \(config.outputSize)] (call forward first)")
        for i in layers.indices.reversed() {
            let hidden = i < layers.count - 1
            let activation = hidden ? config.activation : config.outputActivation
            var grad = hidden ? workspace.gradInput[i + 1] : gradOutput
            if activation != .identity {
                activation.backward(input: preActivation(i), output: workspace.activated[i], gradOutput: grad,
                                    into: &workspace.gradPre[i])
                grad = workspace.gradPre[i]
            }
            if hidden && config.layerNorm {
                norms[i].backward(grad, input: workspace.linear[i], mean: workspace.mean[i], rstd: workspace.rstd[i],
                                  parameters: parameters, gradients: &gradients, into: &workspace.gradLinear[i])
                grad = workspace.gradLinear[i]
            }
            let input = i == 0 ? workspace.input : layerOutput(i - 1)
            layers[i].accumulateGradients(grad, input: input, into: &gradients)
            if i > 0 || inputGradient {
                layers[i].backwardInput(grad, parameters: parameters, into: &workspace.gradInput[i])
            }
        }
    }
}
