import Learning

/// `train --init-map-bodies`: the state models' body-dependent tensors carried over through a `BodyLayoutMapping`.
extension BodyLayoutMapping {
    /// The first layer's tensor names (`MLP` names its dense layers `layers.<i>`).
    static let firstLayer = (weight: "layers.0.weight", bias: "layers.0.bias")

    /// The encoder's first weight (a state encoder's MLP head is contrastive network 0).
    static let encoderFirstWeight = RunTensorID.parameter(network: .contrastive(0), member: 0, tensor: firstLayer.weight)

    /// The mapping from `source`'s state layout to `target`'s (the encoders' too when both read the state alone); nil
    /// unless both runs' state models are factorised.
    init?(source: RunRecord, target: RunRecord) {
        guard let from = source.stateLayout, let to = target.stateLayout else { return nil }
        self.init(from: from, sourceActionSize: source.data.actionSize, to: to, actionSize: target.data.actionSize,
                  mapsStateEncoder: source.config.input == .state && target.config.input == .state)
    }

    /// The source shapes of the encoder tensors this mapping carries over (the first layer `width` wide), when it maps the encoder.
    func encoderSourceShapes(width: Int) -> [RunTensorID: [Int]] {
        mapsStateEncoder ? [.stateNormalizer: [2, source.stateSize], Self.encoderFirstWeight: [width, source.stateSize]] : [:]
    }

    /// The source shapes of the tensors of state model `id` (`members` networks, first hidden width `hidden[0]`) this
    /// mapping carries over: each member's first layer and both statistics.
    func sourceShapes(id: ForwardModelID, members: Int, hidden: [Int]) -> [RunTensorID: [Int]] {
        let width = hidden.first ?? target.targetSize, inputs = source.inputSize(actionSize: sourceActionSize)
        var shapes: [RunTensorID: [Int]] = [.inputNormalizer(id): [2, inputs], .targetNormalizer(id): [2, source.bodyCount * source.targetSize]]
        for member in 0..<members {
            shapes[.parameter(network: .forward(id), member: member, tensor: Self.firstLayer.weight)] = [width, inputs]
            shapes[.parameter(network: .forward(id), member: member, tensor: Self.firstLayer.bias)] = [width]
        }
        return shapes
    }
}

extension ForwardModel {
    /// The model with the tensors of state model `id` that `tensors` holds (the source's, in the source's layout)
    /// carried over through `mapping`: statistics column by column, each member's first layer when its weight,
    /// bias and the source's input statistics are all there.
    func carryingOver(_ tensors: [RunTensorID: RunTensor], id: ForwardModelID, by mapping: BodyLayoutMapping,
                      config: WorldModelConfig) -> ForwardModel {
        let sourceInputs = tensors[.inputNormalizer(id)].map(Normalizer.init)
        let sourceTargets = tensors[.targetNormalizer(id)].map(Normalizer.init)
        var model = ForwardModel(rule: rule, config: config,
                                 inputNormalizer: sourceInputs.map { mapping.inputNormalizer(source: $0, fresh: inputNormalizer) } ?? inputNormalizer,
                                 targetNormalizer: sourceTargets.map { mapping.targetNormalizer(source: $0, fresh: targetNormalizer) } ?? targetNormalizer,
                                 layout: layout, seed: 0)
        model.members = members
        guard let sourceInputs else { return model }
        let names = BodyLayoutMapping.firstLayer
        for index in members.indices {
            guard let weight = tensors[.parameter(network: .forward(id), member: index, tensor: names.weight)],
                  let bias = tensors[.parameter(network: .forward(id), member: index, tensor: names.bias)] else { continue }
            let layer = members[index].layers[0]
            let first = mapping.firstLayer(weight: weight.values, bias: bias.values, sourceInputs: sourceInputs)
            model.members[index].parameters.replaceSubrange(layer.weightRange, with: first.weight)
            model.members[index].parameters.replaceSubrange(layer.biasRange, with: first.bias)
        }
        return model
    }
}
