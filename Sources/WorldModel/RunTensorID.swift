import Learning

/// One tensor of a run's models, by what it is: a network layer's tensor or a normaliser.
///
/// What `train --init` matches between two runs (`RunInitialisation`): the same id means the same role,
/// so a tensor of one run can be taken over by the other when the shapes agree too.
public enum RunTensorID: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// Tensor `tensor` (`layers.0.weight`, `layers.0.bias`, ...) of ensemble member `member` of `network`.
    case parameter(network: RunNetworkID, member: Int, tensor: String)
    /// The encoder's state statistics.
    case stateNormalizer
    /// A forward model's input statistics.
    case inputNormalizer(ForwardModelID)
    /// A forward model's target statistics.
    case targetNormalizer(ForwardModelID)

    /// `contrastive.0.layers.0.weight`, `state.pc.1.layers.2.bias` (member 1), `state_normalizer`, `state.pc.input_norm`, ...
    public var description: String {
        switch self {
        case let .parameter(.contrastive(index), _, tensor): return "contrastive.\(index).\(tensor)"
        case let .parameter(.forward(id), member, tensor): return "\(id.name).\(member).\(tensor)"
        case .stateNormalizer: return "state_normalizer"
        case let .inputNormalizer(id): return "\(id.name).input_norm"
        case let .targetNormalizer(id): return "\(id.name).target_norm"
        }
    }

    public static func < (a: RunTensorID, b: RunTensorID) -> Bool { a.description < b.description }
}

/// A tensor's shape and values.
public struct RunTensor: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Float]
}

extension MLP {
    /// Every tensor of the network as member `member` of `network`.
    func tensors(network: RunNetworkID, member: Int) -> [RunTensorID: RunTensor] {
        Dictionary(uniqueKeysWithValues: layout.entries.map { entry in
            (.parameter(network: network, member: member, tensor: entry.name),
             RunTensor(shape: entry.shape, values: Array(parameters[entry.range])))
        })
    }

    /// Overwrites the tensors of `replacements` that belong to member `member` of `network`.
    mutating func replace(_ replacements: [RunTensorID: RunTensor], network: RunNetworkID, member: Int) {
        for entry in layout.entries {
            guard let tensor = replacements[.parameter(network: network, member: member, tensor: entry.name)] else { continue }
            parameters.replaceSubrange(entry.range, with: tensor.values)
        }
    }
}

extension Normalizer {
    /// The statistics as a `[2, columns]` tensor (means, then standard deviations).
    var runTensor: RunTensor { RunTensor(shape: [2, count], values: mean + std) }

    /// The statistics of a `[2, columns]` tensor.
    init(_ tensor: RunTensor) {
        self.init(mean: Array(tensor.values[..<tensor.shape[1]]), std: Array(tensor.values[tensor.shape[1]...]))
    }
}

extension ForwardModel {
    /// Every tensor of the model (each member's layers, both normalisers) as forward model `id`.
    func tensors(id: ForwardModelID) -> [RunTensorID: RunTensor] {
        var out: [RunTensorID: RunTensor] = [.inputNormalizer(id): inputNormalizer.runTensor, .targetNormalizer(id): targetNormalizer.runTensor]
        for (index, member) in members.enumerated() { out.merge(member.tensors(network: .forward(id), member: index)) { a, _ in a } }
        return out
    }

    /// The model with the tensors of `replacements` that belong to forward model `id` in place of its own.
    func replacing(_ replacements: [RunTensorID: RunTensor], id: ForwardModelID, config: WorldModelConfig) -> ForwardModel {
        var model = ForwardModel(rule: rule, config: config,
                                 inputNormalizer: replacements[.inputNormalizer(id)].map(Normalizer.init) ?? inputNormalizer,
                                 targetNormalizer: replacements[.targetNormalizer(id)].map(Normalizer.init) ?? targetNormalizer,
                                 layout: layout, seed: 0)
        model.members = members
        for index in model.members.indices { model.members[index].replace(replacements, network: .forward(id), member: index) }
        return model
    }

    /// A model of `id`'s architecture for `record` (identity statistics, weights from seed 0): what the run will train.
    static func prototype(_ id: ForwardModelID, record: RunRecord) -> ForwardModel {
        let actions = record.data.actionSize
        let layout = id.space == .state ? record.stateLayout : nil
        let width = id.space == .latent ? record.config.latentSize : record.data.stateSize
        return ForwardModel(rule: id.rule, config: record.config,
                            inputNormalizer: Normalizer(identity: layout?.inputSize(actionSize: actions) ?? width + actions),
                            targetNormalizer: Normalizer(identity: layout.map { $0.bodyCount * $0.targetSize } ?? width),
                            layout: layout, seed: 0)
    }
}
