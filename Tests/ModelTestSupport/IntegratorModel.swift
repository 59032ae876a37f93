import WorldModel

/// A flat state forward model whose change is the action, `x' = x + a`: one dense layer set by hand,
/// identity normalisers; a model whose rollouts are known exactly.
public func integratorForwardModel(size: Int) -> ForwardModel {
    var config = WorldModelConfig()
    config.forwardHidden = []
    var model = ForwardModel(rule: .pc, config: config, inputNormalizer: Normalizer(identity: 2 * size),
                             targetNormalizer: Normalizer(identity: size), seed: 1)
    // The weight is [size, 2 * size] (rows: outputs), then the bias: Δx_i = a_i.
    var parameters = [Float](repeating: 0, count: model.parameters.count)
    for i in 0..<size { parameters[i * 2 * size + size + i] = 1 }
    model.parameters = parameters
    return model
}
