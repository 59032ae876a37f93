import Foundation
import Learning
import TensorCore

/// The models of a run (encoder, transition, forward models), their trainers' optimizers, and their
/// safetensors checkpoint.
///
/// The models are values (shareable, each caller predicts through its own workspace); the optimizers
/// beside them (`contrastiveTraining`, `forwardTraining`) are the trainer's state, saved with the run.
///
/// A checkpoint holds every parameter tensor (`<model>.parameters`), optimizer buffers
/// (`<model>.opt.<buffer>`), normalisation statistics, the best parameters of the phase in
/// progress (`best/<model>.parameters`), the `RunRecord` as JSON in `__metadata__`
/// (`foresight.run`) and a CRC-32 of all tensors (`foresight.crc32`), so damage is detected.
public final class RunModels {
    /// The run's record (config, data signature, progress).
    public var record: RunRecord
    /// The encoder and latent transition.
    public var contrastive: ContrastiveModel
    /// The contrastive model's optimizers and training buffers.
    public var contrastiveTraining: ContrastiveTraining
    /// Forward models by id (`latent.pc`, `latent.bp`, `state.pc`, `state.bp`).
    public var forward: [ForwardModelID: ForwardModel] = [:]
    /// The forward models' optimizers, by the same ids.
    public var forwardTraining: [ForwardModelID: ForwardTraining] = [:]
    /// Best parameters of the networks of the phase in progress.
    public var best: [RunNetworkID: [Float]] = [:]

    static let recordKey = "foresight.run"
    static let checksumKey = "foresight.crc32"

    /// Fresh models for `record` (`lidarNormalizer`, one column per ray, is required when the encoder reads lidar).
    public init(record: RunRecord, stateNormalizer: Normalizer, lidarNormalizer: Normalizer? = nil) {
        self.record = record
        contrastive = ContrastiveModel(config: record.config, stateNormalizer: stateNormalizer, lidarNormalizer: lidarNormalizer,
                                       frameSide: record.data.pixelSide / record.config.pixelPooling,
                                       actionSize: record.data.actionSize)
        contrastiveTraining = ContrastiveTraining(for: contrastive)
    }

    /// Adds (or replaces) forward model `id` with fresh optimizers at the run's learning rate.
    public func addForwardModel(_ model: ForwardModel, id: ForwardModelID) {
        forward[id] = model
        forwardTraining[id] = ForwardTraining(for: model, learningRate: record.config.forwardLearningRate,
                                              weightDecay: record.config.forwardWeightDecay ?? 0)
    }

    /// The body layout the state-space forward models use (nil: flat `[s, a]` models).
    public var stateLayout: BodyLayout? { record.stateLayout }

    /// The contrastive model's networks.
    var contrastiveIDs: [RunNetworkID] { contrastive.networks.indices.map { .contrastive($0) } }

    /// Current parameters of every network.
    public func parameters() -> [RunNetworkID: [Float]] {
        var out: [RunNetworkID: [Float]] = [:]
        for (id, network) in zip(contrastiveIDs, contrastive.networks) { out[id] = network.parameters }
        for (id, model) in forward { out[.forward(id)] = model.parameters }
        return out
    }

    /// Replaces the parameters of network `id`.
    public func setParameters(_ values: [Float], of id: RunNetworkID) {
        switch id {
        case let .contrastive(index): contrastive.setParameters(values, network: index)
        case let .forward(model): forward[model]?.parameters = values
        }
    }

    /// The whole state as a safetensors archive.
    public func archive() -> SafetensorsArchive {
        var tensors: [String: Tensor] = [:]
        var record = self.record
        record.optimizers = [:]
        func addOptimizer(_ name: String, _ state: OptimizerState) {
            for (buffer, values) in state.buffers { tensors["\(name).opt.\(buffer)"] = Tensor(values, shape: [values.count]) }
            record.optimizers[name] = OptimizerState(kind: state.kind, hyperparameters: state.hyperparameters,
                                                     step: state.step, buffers: [:])
        }
        for (id, values) in parameters() { tensors["\(id.name).parameters"] = Tensor(values, shape: [values.count]) }
        for (id, values) in best { tensors["best/\(id.name).parameters"] = Tensor(values, shape: [values.count]) }
        for (id, optimizer) in zip(contrastiveIDs, contrastiveTraining.optimizers) { addOptimizer(id.name, optimizer.state) }
        tensors["state_normalizer"] = contrastive.stateNormalizer.tensor
        if let lidar = contrastive.lidarNormalizer { tensors["lidar_normalizer"] = lidar.tensor }
        for (id, model) in forward {
            let name = id.name
            if let training = forwardTraining[id] { addOptimizer(name, training.optimizerState) }
            tensors["\(name).input_norm"] = model.inputNormalizer.tensor
            tensors["\(name).target_norm"] = model.targetNormalizer.tensor
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: (try? encoder.encode(record)) ?? Data(), as: UTF8.self)
        return SafetensorsArchive(tensors: tensors, metadata: [
            RunModels.recordKey: json,
            RunModels.checksumKey: String(RunModels.checksum(tensors)),
        ])
    }

    /// Writes the checkpoint atomically.
    public func write(to url: URL) throws {
        try archive().write(to: url)
    }

    /// Loads a checkpoint, verifying its checksum and every tensor's size against the config.
    public convenience init(contentsOf url: URL) throws {
        let path = url.path
        let archive: SafetensorsArchive
        do {
            archive = try SafetensorsArchive(contentsOf: url)
        } catch {
            throw RunError.corrupt(path: path, reason: "\(error)")
        }
        guard let json = archive.metadata[RunModels.recordKey] else {
            throw RunError.corrupt(path: path, reason: "no '\(RunModels.recordKey)' entry in __metadata__")
        }
        guard let stored = archive.metadata[RunModels.checksumKey], UInt32(stored) == RunModels.checksum(archive.tensors) else {
            throw RunError.corrupt(path: path, reason: "tensor checksum does not match (the file is damaged)")
        }
        let record: RunRecord
        do {
            record = try JSONDecoder().decode(RunRecord.self, from: Data(json.utf8))
        } catch {
            let problem = JSONDecodingProblem(error, decoding: RunRecord.self, from: Data(json.utf8))
            throw RunError.corrupt(path: path, reason: "cannot read '\(RunModels.recordKey)'"
                                   + (problem.field.map { ", field '\($0)'" } ?? "") + ": \(problem.reason)")
        }
        guard record.formatVersion == RunRecord.currentFormatVersion else {
            throw RunError.corrupt(path: path, reason: "format version \(record.formatVersion), expected \(RunRecord.currentFormatVersion)")
        }
        do { try record.checkLimits() } catch { throw RunError.corrupt(path: path, reason: "'\(RunModels.recordKey)': \(error)") }
        func tensor(_ name: String) throws -> Tensor {
            guard let t = archive[name] else { throw RunError.corrupt(path: path, reason: "missing tensor '\(name)'") }
            return t
        }
        func floats(_ name: String, count: Int?) throws -> [Float] {
            let values: [Float]
            do { values = try tensor(name).values(as: Float.self) } catch let error as RunError { throw error } catch {
                throw RunError.corrupt(path: path, reason: "tensor '\(name)': \(error)")
            }
            if let count, values.count != count {
                throw RunError.corrupt(path: path, reason: "tensor '\(name)' has \(values.count) elements, the model needs \(count) (architecture mismatch)")
            }
            return values
        }
        func normalizer(_ name: String) throws -> Normalizer {
            do { return try Normalizer(tensor: tensor(name)) } catch let error as RunError { throw error } catch {
                throw RunError.corrupt(path: path, reason: "tensor '\(name)': \(error)")
            }
        }
        let stateNormalizer = try normalizer("state_normalizer")
        guard stateNormalizer.count == record.data.stateSize else {
            throw RunError.corrupt(path: path, reason: "state_normalizer has \(stateNormalizer.count) columns, state has \(record.data.stateSize)")
        }
        do { try record.config.validate() } catch { throw RunError.corrupt(path: path, reason: "config: \(error)") }
        let lidarNormalizer = record.config.input.readsLidar ? try normalizer("lidar_normalizer") : nil
        if let lidarNormalizer, lidarNormalizer.count != record.data.observation(.lidar)?.width {
            throw RunError.corrupt(path: path, reason: "lidar_normalizer has \(lidarNormalizer.count) columns, the lidar has "
                                   + "\(record.data.observation(.lidar).map { "\($0.width)" } ?? "none") rays")
        }
        self.init(record: record, stateNormalizer: stateNormalizer, lidarNormalizer: lidarNormalizer)
        /// Hands the saved optimizer state of `name`, buffers included, to `restore`; nothing when the record has none.
        func restoreOptimizer(_ name: String, count: Int, _ restore: (OptimizerState) throws -> Void) throws {
            guard var state = record.optimizers[name] else { return }
            for key in archive.tensors.keys where key.hasPrefix("\(name).opt.") {
                state.buffers[String(key.dropFirst("\(name).opt.".count))] = try floats(key, count: count)
            }
            do { try restore(state) } catch { throw RunError.corrupt(path: path, reason: "optimizer of '\(name)': \(error)") }
        }
        for (index, name) in contrastiveIDs.map(\.name).enumerated() {
            let count = contrastive.networks[index].parameters.count
            contrastive.setParameters(try floats("\(name).parameters", count: count), network: index)
            try restoreOptimizer(name, count: count) { try contrastiveTraining.optimizers[index].restore($0) }
        }
        for id in ForwardModelID.all where archive["\(id.name).parameters"] != nil {
            let name = id.name
            var model = ForwardModel(rule: id.rule, config: record.config,
                                     inputNormalizer: try normalizer("\(name).input_norm"),
                                     targetNormalizer: try normalizer("\(name).target_norm"),
                                     layout: id.space == .state ? stateLayout : nil, seed: 0)
            model.parameters = try floats("\(name).parameters", count: model.parameters.count)
            addForwardModel(model, id: id)
            try restoreOptimizer(name, count: model.parameters.count) { try forwardTraining[id]!.restoreOptimizer($0) }
        }
        let counts = parameters().mapValues(\.count)
        for key in archive.tensors.keys where key.hasPrefix("best/") {
            let name = String(key.dropFirst("best/".count).dropLast(".parameters".count))
            guard let id = RunNetworkID(name: name), let count = counts[id] else {
                throw RunError.corrupt(path: path, reason: "tensor '\(key)' belongs to no network of the run")
            }
            best[id] = try floats(key, count: count)
        }
    }

    /// CRC-32 over every tensor's name, dtype, shape and bytes, in name order.
    static func checksum(_ tensors: [String: Tensor]) -> UInt32 {
        var crc: UInt32 = 0
        for name in tensors.keys.sorted() {
            let tensor = tensors[name]!
            crc = CRC32.checksum(Array("\(name):\(tensor.dtype.rawValue):\(tensor.shape)".utf8), continuing: crc)
            crc = CRC32.checksum(tensor.bytes, continuing: crc)
        }
        return crc
    }
}
