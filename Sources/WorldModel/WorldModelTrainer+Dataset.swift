import Foundation

extension WorldModelTrainer {
    /// Fresh training of `config` on `dataset`'s training and validation splits, into the run folder `runURL`.
    ///
    /// The run records the dataset (`RunRecord.dataset`), so evaluation finds it again.
    public convenience init(config: WorldModelConfig, dataset: RunDataset, runURL: URL) throws {
        let record = try WorldModelTrainer.freshRecord(config: config, data: dataset.signature, dataset: dataset.reference)
        let train = try dataset.episodes(.train, for: config)
        let validation = try dataset.episodes(.validation, for: config)
        self.init(models: RunModels(record: record, fittedTo: train), train: train,
                  validation: validation, runURL: runURL)
    }

    /// Training that continues the run in `runURL` from its last checkpoint, on `dataset`.
    ///
    /// The dataset must fit the run and, when the run records its dataset, have the same manifest; the config fields
    /// where `requested` differs from `defaults` (what a command's options ask for) must be the run's
    /// (`RunRecord.checkResumable`).
    public static func resuming(runURL: URL, dataset: RunDataset, requested: WorldModelConfig? = nil,
                                defaults: WorldModelConfig = WorldModelConfig()) throws -> WorldModelTrainer {
        let last = RunCheckpointFile.last.url(in: runURL)
        guard FileManager.default.fileExists(atPath: last.path) else {
            throw RunError.missing(path: last.path, what: "nothing to resume (no checkpoint)")
        }
        let models = try RunModels(contentsOf: last)
        let config = models.record.config
        try models.record.checkCompatible(with: dataset.signature, at: dataset.reference.path, for: .training)
        try models.record.checkResumable(on: dataset, requested: requested, defaults: defaults, at: last.path)
        return WorldModelTrainer(models: models, train: try dataset.episodes(.train, for: config),
                                 validation: try dataset.episodes(.validation, for: config), runURL: runURL)
    }
}
