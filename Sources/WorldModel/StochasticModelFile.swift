import Foundation
import Learning
import TensorCore

/// A run's stochastic state model: `RUN/stochastic.safetensors` (written by `train --critic`).
///
/// Tensors `generator.parameters`, `generator.input_norm`, `generator.target_norm`, and `prior.parameters` for a learned
/// prior (`VariationalSettings.prior`; its widths from the settings); in
/// `__metadata__` the training settings (`foresight.stochastic`, JSON), the epochs' records
/// (`foresight.stochastic.history`) and a CRC-32 of the tensors (`foresight.crc32`). The generator's architecture
/// comes from the run's record; runs without the file have no stochastic model, and evaluate as before.
public struct StochasticModelFile {
    /// The file's name in a run folder.
    public static let name = "stochastic.safetensors"
    /// The per-epoch losses' name in a run folder.
    public static let metricsName = "stochastic-metrics.csv"
    static let configKey = "foresight.stochastic"
    static let historyKey = "foresight.stochastic.history"

    /// The model.
    public let model: StochasticForwardModel
    /// How they trained.
    public let config: StochasticTrainingConfig
    /// The epochs' losses.
    public let history: [StochasticEpochRecord]

    /// The parts to save.
    public init(training: StochasticForwardTraining) {
        model = training.model
        config = training.config
        history = training.history
    }

    /// The file's location in the run folder `run`.
    public static func url(in run: URL) -> URL { run.appendingPathComponent(name) }

    /// Writes the file and the metrics table into the run folder `run`, atomically.
    public func write(in run: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var tensors: [String: Tensor] = [
            "generator.parameters": Tensor(model.generator.parameters, shape: [model.generator.parameters.count]),
            "generator.input_norm": model.generator.inputNormalizer.tensor,
            "generator.target_norm": model.generator.targetNormalizer.tensor,
        ]
        if let prior = model.prior { tensors["prior.parameters"] = Tensor(prior.parameters, shape: [prior.parameters.count]) }
        let archive = SafetensorsArchive(tensors: tensors, metadata: [
            StochasticModelFile.configKey: String(decoding: try encoder.encode(config), as: UTF8.self),
            StochasticModelFile.historyKey: String(decoding: try encoder.encode(history), as: UTF8.self),
            RunModels.checksumKey: String(RunModels.checksum(tensors)),
        ])
        try archive.write(to: StochasticModelFile.url(in: run))
        try StochasticModelFile.metricsTable(history).write(to: run.appendingPathComponent(StochasticModelFile.metricsName))
    }

    /// Reads the file in the run folder `run` whose record is `record`; nil when the run has none.
    ///
    /// Throws `RunError.corrupt` naming the file and what is wrong (damage, a missing tensor, another architecture).
    public init?(in run: URL, record: RunRecord) throws {
        let url = StochasticModelFile.url(in: run), path = url.path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let archive: SafetensorsArchive
        do { archive = try SafetensorsArchive(contentsOf: url) } catch { throw RunError.corrupt(path: path, reason: "\(error)") }
        guard let stored = archive.metadata[RunModels.checksumKey], UInt32(stored) == RunModels.checksum(archive.tensors) else {
            throw RunError.corrupt(path: path, reason: "tensor checksum does not match (the file is damaged)")
        }
        func decoded<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
            guard let json = archive.metadata[key] else { throw RunError.corrupt(path: path, reason: "no '\(key)' entry in __metadata__") }
            do { return try JSONDecoder().decode(type, from: Data(json.utf8)) } catch {
                let problem = JSONDecodingProblem(error, decoding: type, from: Data(json.utf8))
                throw RunError.corrupt(path: path, reason: "cannot read '\(key)'" + (problem.field.map { ", field '\($0)'" } ?? "")
                                       + ": \(problem.reason)")
            }
        }
        config = try decoded(StochasticTrainingConfig.self, StochasticModelFile.configKey)
        history = try decoded([StochasticEpochRecord].self, StochasticModelFile.historyKey)
        do { try config.validate() } catch { throw RunError.corrupt(path: path, reason: "'\(StochasticModelFile.configKey)': \(error)") }
        func floats(_ name: String, count: Int?) throws -> [Float] {
            guard let tensor = archive[name] else { throw RunError.corrupt(path: path, reason: "missing tensor '\(name)'") }
            let values: [Float]
            do { values = try tensor.values(as: Float.self) } catch { throw RunError.corrupt(path: path, reason: "tensor '\(name)': \(error)") }
            if let count, values.count != count {
                throw RunError.corrupt(path: path, reason: "tensor '\(name)' has \(values.count) elements, the model needs \(count) (architecture mismatch)")
            }
            return values
        }
        func normalizer(_ name: String) throws -> Normalizer {
            guard let tensor = archive[name] else { throw RunError.corrupt(path: path, reason: "missing tensor '\(name)'") }
            do { return try Normalizer(tensor: tensor) } catch { throw RunError.corrupt(path: path, reason: "tensor '\(name)': \(error)") }
        }
        var single = record.config
        single.forwardEnsembleSize = 1
        var generator = ForwardModel(rule: config.rule, config: single, inputNormalizer: try normalizer("generator.input_norm"),
                                     targetNormalizer: try normalizer("generator.target_norm"), layout: record.stateLayout, seed: 0)
        guard generator.inputNormalizer.count > config.noiseSize else {
            throw RunError.corrupt(path: path, reason: "generator.input_norm has \(generator.inputNormalizer.count) columns for \(config.noiseSize) noise entries")
        }
        generator.parameters = try floats("generator.parameters", count: generator.parameters.count)
        var model = StochasticForwardModel(generator: generator, noiseSize: config.noiseSize, noisePerRollout: config.noisePerRollout)
        if config.objective.usesPosterior && config.variational.prior == .learned {
            var prior = model.makePrior(hidden: config.variational.hidden, seed: 0)
            prior.parameters = try floats("prior.parameters", count: prior.parameters.count)
            model.prior = prior
        }
        self.model = model
    }

    /// The per-epoch losses as CSV (the critic's loss among them; `kl` empty without the VAE path).
    public static func metricsTable(_ history: [StochasticEpochRecord]) -> MetricsCSV {
        var csv = MetricsCSV(columns: ["epoch", "reconstruction_loss", "rollout_error", "critic_loss", "generator_loss", "kl", "seconds"])
        for row in history {
            csv.append(["epoch": String(row.epoch), "reconstruction_loss": String(format: "%.6g", row.reconstructionLoss),
                        "rollout_error": String(format: "%.6g", row.rolloutError), "critic_loss": String(format: "%.6g", row.criticLoss),
                        "generator_loss": String(format: "%.6g", row.generatorLoss),
                        "kl": row.klDivergence.map { String(format: "%.6g", $0) } ?? "", "seconds": String(format: "%.3f", row.seconds)])
        }
        return csv
    }
}
