import Foundation

extension OnlineLearner {
    /// The learned model as a finished run: the starting run's models with this one replaced, or, from scratch, a
    /// state-input run whose only forward model is this one.
    ///
    /// Throws `RunError.missing` during the warm-up (there is no model yet).
    public func runModels() throws -> RunModels {
        guard let model, let training else {
            throw RunError.missing(path: "online model", what: "still warming up (\(buffer.count) of \(settings.warmUp) transitions seen)")
        }
        let models = try origin.map { try RunModels(contentsOf: $0) }
            ?? RunModels(record: record, stateNormalizer: Normalizer(fitting: buffer.all.states))
        models.addForwardModel(model, id: modelID)
        models.forwardTraining[modelID] = training
        models.best = [:]
        models.record.phase = .done
        models.record.epochsDone = 0
        return models
    }

    /// Writes the model as a run folder (`best.safetensors` and `last.safetensors`) that `eval` and `view --model` read.
    ///
    /// Replaces `folder` only if it holds nothing but a run's files (`RunFolder.checkReplaceable`).
    public func save(to folder: URL) throws {
        let models = try runModels()
        try RunFolder.checkReplaceable(folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let archive = models.archive()
        for file in RunCheckpointFile.allCases { try archive.write(to: file.url(in: folder)) }
    }
}
