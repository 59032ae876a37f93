import Foundation
import TensorCore

/// A model that can be saved to and restored from a safetensors checkpoint.
///
/// File layout: one F32 tensor per `layout` entry (`layers.0.weight` [out, in], ...), the
/// optimizer's buffers as `optimizer.<buffer>.<entry>` with the same shapes, and
/// `__metadata__` = { `format`: "foresight-checkpoint", `format_version`: "1", `kind`,
/// `config` (JSON), `step`, `optimizer` (JSON: kind, hyperparameters, step) }.
/// Writes are atomic (temporary file, then rename).
public protocol CheckpointableModel: AnyObject {
    /// The model's Codable architecture.
    associatedtype Configuration: Codable & Equatable
    /// The `kind` written to the file (`mlp`, `predictive-coding`).
    static var checkpointKind: String { get }
    /// The architecture.
    var config: Configuration { get }
    /// Where each tensor lives in `parameters`.
    var layout: ParameterLayout { get }
    /// The flat parameter buffer.
    var parameters: [Float] { get set }
    /// Builds a model of this architecture.
    init(config: Configuration, seed: UInt64)
    /// Throws `ConfigurationError` if `config` cannot build a model.
    static func validate(_ config: Configuration) throws
}

/// What a checkpoint holds besides the parameters.
public struct TrainingProgress: Equatable, Sendable {
    /// The optimizer's state, if one was saved.
    public var optimizer: OptimizerState?
    /// Training steps completed when saved.
    public var step: Int
}

extension CheckpointableModel {
    /// Saves config, parameters, optionally the optimizer state, and `step` to `url` (atomically).
    public func save(to url: URL, optimizer: OptimizerState? = nil, step: Int) throws {
        var tensors: [String: Tensor] = [:]
        for entry in layout.entries { tensors[entry.name] = Tensor(Array(parameters[entry.range]), shape: entry.shape) }
        var metadata = [
            "format": CheckpointFormat.name, "format_version": CheckpointFormat.version,
            "kind": Self.checkpointKind, "config": try CheckpointFormat.json(config), "step": String(step),
        ]
        if let optimizer {
            for (buffer, values) in optimizer.buffers.sorted(by: { $0.key < $1.key }) {
                guard values.count == layout.count else {
                    throw CheckpointError(path: url.path, reason: "optimizer buffer '\(buffer)' has \(values.count) elements, model has \(layout.count) parameters")
                }
                for entry in layout.entries {
                    tensors["optimizer.\(buffer).\(entry.name)"] = Tensor(Array(values[entry.range]), shape: entry.shape)
                }
            }
            metadata["optimizer"] = try CheckpointFormat.json(
                OptimizerHeader(kind: optimizer.kind, hyperparameters: optimizer.hyperparameters, step: optimizer.step,
                                buffers: optimizer.buffers.keys.sorted()))
        }
        do {
            try SafetensorsArchive(tensors: tensors, metadata: metadata).write(to: url)
        } catch {
            throw CheckpointError(path: url.path, reason: "cannot write (\(error))")
        }
    }

    /// Builds the model saved at `url` and returns it with the saved optimizer state and step.
    public static func load(from url: URL) throws -> (model: Self, progress: TrainingProgress) {
        let file = try CheckpointFormat.open(url, kind: checkpointKind)
        let config: Configuration = try CheckpointFormat.decodeConfig(file)
        do { try validate(config) } catch {
            throw CheckpointError(path: file.path, reason: "__metadata__.config: \(error)")
        }
        let model = Self(config: config, seed: 0)
        let progress = try model.read(file)
        return (model, progress)
    }

    /// Loads the parameters saved at `url` into this model, whose architecture must match the file's.
    ///
    /// Returns the saved optimizer state and step; the error names every config field that differs.
    public func restore(from url: URL) throws -> TrainingProgress {
        let file = try CheckpointFormat.open(url, kind: Self.checkpointKind)
        let saved: Configuration = try CheckpointFormat.decodeConfig(file)
        if saved != config {
            let fields = try CheckpointFormat.differences(saved: saved, expected: config)
            throw CheckpointError(path: file.path, reason: "architecture differs from this model: \(fields)")
        }
        return try read(file)
    }

    /// Reads parameters, optimizer buffers and step from a validated file of this architecture.
    private func read(_ file: SafetensorsFile) throws -> TrainingProgress {
        func fail(_ reason: String) -> CheckpointError { CheckpointError(path: file.path, reason: reason) }
        func flat(prefix: String) throws -> [Float] {
            var values = [Float](repeating: 0, count: layout.count)
            for entry in layout.entries {
                let name = prefix + entry.name
                do {
                    try file.require(name, dtype: .f32, shape: entry.shape)
                    values.replaceSubrange(entry.range, with: try file.tensor(name).values(as: Float.self))
                } catch let error as SafetensorsError {
                    throw fail(error.reason)
                }
            }
            guard values.allSatisfy(\.isFinite) else { throw fail("tensors '\(prefix)*' contain NaN or infinity") }
            return values
        }
        let parameters = try flat(prefix: "")
        guard let stepText = file.metadata["step"], let step = Int(stepText), step >= 0 else {
            throw fail("__metadata__.step is missing or not a non-negative integer")
        }
        var optimizer: OptimizerState?
        if let header = file.metadata["optimizer"] {
            guard let decoded = try? JSONDecoder().decode(OptimizerHeader.self, from: Data(header.utf8)) else {
                throw fail("__metadata__.optimizer is not valid JSON {kind, hyperparameters, step, buffers}")
            }
            var buffers: [String: [Float]] = [:]
            for buffer in decoded.buffers { buffers[buffer] = try flat(prefix: "optimizer.\(buffer).") }
            optimizer = OptimizerState(kind: decoded.kind, hyperparameters: decoded.hyperparameters,
                                       step: decoded.step, buffers: buffers)
        }
        self.parameters = parameters
        return TrainingProgress(optimizer: optimizer, step: step)
    }
}

extension MLP: CheckpointableModel {
    /// `mlp`.
    public static var checkpointKind: String { "mlp" }
    /// Checks sizes.
    public static func validate(_ config: MLPConfig) throws { try config.validate() }
}

extension PredictiveCodingNetwork: CheckpointableModel {
    /// `predictive-coding`.
    public static var checkpointKind: String { "predictive-coding" }
    /// Checks sizes and inference settings.
    public static func validate(_ config: PCConfig) throws { try config.validate() }
}
