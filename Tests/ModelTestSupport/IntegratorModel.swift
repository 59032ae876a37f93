import WorldModel

/// A flat state forward model whose change is the action times a gain, `x' = x + g · a`: one dense layer
/// per gain set by hand (an ensemble with one member per gain), identity normalisers; a model whose
/// rollouts are known exactly.
public func integratorForwardModel(size: Int, gains: [Float] = [1]) -> ForwardModel {
    var config = WorldModelConfig()
    config.forwardHidden = []
    config.forwardEnsembleSize = gains.count
    var model = ForwardModel(rule: .pc, config: config, inputNormalizer: Normalizer(identity: 2 * size),
                             targetNormalizer: Normalizer(identity: size), seed: 1)
    // Each member's weight is [size, 2 * size] (rows: outputs), then the bias: Δx_i = g a_i.
    let count = model.parameters.count / gains.count
    var parameters: [Float] = []
    for gain in gains {
        var member = [Float](repeating: 0, count: count)
        for i in 0..<size { member[i * 2 * size + size + i] = gain }
        parameters += member
    }
    model.parameters = parameters
    return model
}
