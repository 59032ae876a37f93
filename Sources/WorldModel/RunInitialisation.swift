import Foundation
import Learning

/// Starting a run from another run's encoder and forward models (`train --init RUN`).
///
/// Every tensor of the new run (`RunTensorID`: each layer's weight and bias, member by member, and the
/// normalisers) that the source run's best checkpoint holds under the same id and in the same shape is
/// copied bit for bit. Tensors the source lacks (another forward model, a larger ensemble, one more
/// layer) start fresh. A tensor both hold in different shapes (another state width, number of bodies,
/// hidden width) is refused, naming it, unless `skipsMismatched`: then it starts fresh too. Loaded weights
/// come with the statistics they were trained with where those match (`state_normalizer`, `input_norm`,
/// `target_norm`). Optimizer state is never taken over: every phase trains its full epochs.
///
/// With `mapsBodies` (`--init-map-bodies`), the state models' first layers and statistics, which depend on the
/// bodies, are carried over column by column by meaning instead (`BodyLayoutMapping`): bit for bit where a column
/// has a counterpart, fresh where it has none; so are a state encoder's first layer and the state statistics when
/// both runs encode the state alone. Between runs of the same layout that is the plain copy.
public struct RunInitialisation: Sendable {
    /// A tensor the two runs hold in different shapes.
    public struct Mismatch: Sendable, Equatable {
        public var tensor: RunTensorID
        public var sourceShape: [Int], runShape: [Int]
    }

    /// The source run folder.
    public let path: String
    /// The tensors taken over, by id.
    public let loaded: [RunTensorID: RunTensor]
    /// Tensors of the new run the source does not have (they start fresh).
    public let absent: [RunTensorID]
    /// Tensors skipped for their shape (they start fresh).
    public let skipped: [Mismatch]
    /// How the state models' first layers and statistics are carried over (`mapsBodies` and both runs factorised); else nil.
    public let bodyMapping: BodyLayoutMapping?
    /// The source tensors `bodyMapping` carries over, by id (first layers and statistics of the state models and of a state encoder).
    public let mapped: [RunTensorID: RunTensor]

    /// Plans the initialisation of a run of `record` from the best checkpoint of the run folder `path`.
    ///
    /// Throws `RunInitialisationError.mismatch` for the first tensor (in name order) whose shapes differ, unless
    /// `skipsMismatched`. With `mapsBodies`, the state models' first layers and statistics are mapped by meaning when
    /// both runs' state models are factorised (`BodyLayoutMapping`).
    public init(sourceRun path: String, for record: RunRecord, mapsBodies: Bool, skipsMismatched: Bool) throws {
        let source = try RunModels(contentsOf: RunCheckpointFile.best.url(in: URL(fileURLWithPath: path)))
        let mapping = mapsBodies ? BodyLayoutMapping(source: source.record, target: record) : nil
        try self.init(source: source.tensors(), path: path, for: record, bodyMapping: mapping, skipsMismatched: skipsMismatched)
    }

    /// Plans the initialisation of a run of `record` from the tensors `source` of the run at `path`.
    init(source: [RunTensorID: RunTensor], path: String, for record: RunRecord, bodyMapping: BodyLayoutMapping? = nil,
         skipsMismatched: Bool) throws {
        let trained = ForwardModelID.all.filter { record.config.forward.trains($0.rule) }
        let lidarRays = record.config.input.readsLidar ? record.data.observation(.lidar)?.width : nil
        let target = RunModels(record: record, stateNormalizer: Normalizer(identity: record.data.stateSize),
                               lidarNormalizer: lidarRays.map(Normalizer.init(identity:))).tensors(
            forward: Dictionary(uniqueKeysWithValues: trained.map { ($0, ForwardModel.prototype($0, record: record)) }))
        let mappedShapes = bodyMapping.map { mapping in
            trained.filter { $0.space == .state }.reduce(into: mapping.encoderSourceShapes(
                width: target[BodyLayoutMapping.encoderFirstWeight]?.shape[0] ?? 0)) { shapes, id in
                shapes.merge(mapping.sourceShapes(id: id, members: record.config.ensembleSize, hidden: record.config.forwardHidden)) { a, _ in a }
            }
        } ?? [:]
        var loaded: [RunTensorID: RunTensor] = [:], mapped: [RunTensorID: RunTensor] = [:]
        var absent: [RunTensorID] = [], skipped: [Mismatch] = []
        for id in target.keys.sorted() {
            guard let tensor = source[id] else {
                absent.append(id)
                continue
            }
            if let shape = mappedShapes[id], tensor.shape == shape {
                mapped[id] = tensor
            } else if tensor.shape == target[id]!.shape {
                loaded[id] = tensor
            } else if skipsMismatched {
                skipped.append(Mismatch(tensor: id, sourceShape: tensor.shape, runShape: target[id]!.shape))
            } else {
                throw RunInitialisationError.mismatch(path: path, Mismatch(tensor: id, sourceShape: tensor.shape, runShape: target[id]!.shape))
            }
        }
        self.path = path
        self.loaded = loaded
        self.absent = absent
        self.skipped = skipped
        self.bodyMapping = mapped.isEmpty ? nil : bodyMapping
        self.mapped = mapped
    }

    /// Takes the encoder and latent transition tensors (and the state statistics) into `models`' fresh contrastive model.
    func initialiseContrastive(_ models: RunModels) {
        let old = models.contrastive
        let mappedStatistics = bodyMapping.flatMap { mapping in
            mapped[.stateNormalizer].map { mapping.stateNormalizer(source: Normalizer($0), fresh: old.stateNormalizer) }
        }
        var model = ContrastiveModel(config: old.config,
                                     stateNormalizer: loaded[.stateNormalizer].map(Normalizer.init) ?? mappedStatistics ?? old.stateNormalizer,
                                     lidarNormalizer: old.lidarNormalizer, frameSide: models.record.data.pixelSide / old.config.pixelPooling,
                                     actionSize: models.record.data.actionSize)
        var networks = old.networks
        for index in networks.indices { networks[index].replace(loaded, network: .contrastive(index), member: 0) }
        if let bodyMapping, let weight = mapped[BodyLayoutMapping.encoderFirstWeight] {
            let layer = networks[0].layers[0]
            networks[0].parameters.replaceSubrange(layer.weightRange, with: bodyMapping.encoderFirstLayer(weight: weight.values, rows: layer.outputSize))
        }
        model.networks = networks
        models.contrastive = model
        models.contrastiveTraining = ContrastiveTraining(for: model)
    }

    /// Takes the tensors of forward model `id` into `models`' fresh one (with fresh optimizers).
    func initialiseForward(_ models: RunModels, id: ForwardModelID) {
        guard let model = models.forward[id] else { return }
        let replaced = model.replacing(loaded, id: id, config: models.record.config)
        models.addForwardModel(bodyMapping.map { replaced.carryingOver(mapped, id: id, by: $0, config: models.record.config) } ?? replaced,
                               id: id)
    }

    /// What was taken over and what starts fresh, for a log.
    public var summary: String {
        var lines = ["--init \(path): \(loaded.count) tensors loaded, \(mapped.count) mapped by meaning, \(absent.count + skipped.count) fresh"]
        if let bodyMapping {
            lines.append("  mapped: " + mapped.keys.sorted().map(\.description).joined(separator: ", "))
            lines += bodyMapping.summary.map { "  " + $0 }
        }
        if !absent.isEmpty { lines.append("  not in the source run: " + absent.map(\.description).joined(separator: ", ")) }
        for mismatch in skipped {
            lines.append("  skipped \(mismatch.tensor): \(mismatch.sourceShape) in the source run, \(mismatch.runShape) here")
        }
        return lines.joined(separator: "\n")
    }
}

/// `train --init` cannot start from the named run.
public enum RunInitialisationError: Error, CustomStringConvertible, Equatable {
    /// Both runs hold `tensor`, in different shapes.
    case mismatch(path: String, RunInitialisation.Mismatch)

    public var description: String {
        switch self {
        case let .mismatch(path, m):
            return "--init \(path): tensor '\(m.tensor)' is \(m.sourceShape) there but \(m.runShape) in this run (another "
                + "architecture or data shape); pass --init-skip-mismatched to start such tensors fresh"
        }
    }
}

extension ForwardKind {
    /// Whether a run of this kind trains models of `rule`.
    func trains(_ rule: ForwardRule) -> Bool { rule == .pc ? trainsPC : trainsBP }
}

extension RunModels {
    /// Every tensor of the run's contrastive model, its state statistics and `forward` (its own forward models by default).
    func tensors(forward models: [ForwardModelID: ForwardModel]? = nil) -> [RunTensorID: RunTensor] {
        var out: [RunTensorID: RunTensor] = [.stateNormalizer: contrastive.stateNormalizer.runTensor]
        for (index, network) in contrastive.networks.enumerated() {
            out.merge(network.tensors(network: .contrastive(index), member: 0)) { a, _ in a }
        }
        for (id, model) in models ?? forward { out.merge(model.tensors(id: id)) { a, _ in a } }
        return out
    }
}
