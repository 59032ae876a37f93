import Foundation
import Testing
import TensorCore
@testable import WorldModel

/// The run checkpoint (`RunModels`): what it saves comes back, and a damaged or mismatched file is a clear error.
@Suite struct RunCheckpointTests {
    /// A run stopped in its latent phase: contrastive networks trained, forward models with optimizer state and best parameters.
    static func models(in run: URL) throws -> (RunModels, EpisodeData) {
        var config = TrainingTests.config(input: .state, epochs: 1)
        config.forwardEpochs = 2
        let data = SyntheticWorld.data(episodes: 6, steps: 4, side: 8, seed: 3)
        let trainer = try WorldModelTrainer(config: config, data: SyntheticWorld.signature(side: 8), train: data, validation: data,
                                            runURL: run)
        #expect(try trainer.run(epochLimit: 2) == false)
        return (trainer.models, data)
    }

    @Test func everythingSavedComesBack() throws {
        let run = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: run) }
        let (models, data) = try Self.models(in: run)
        #expect(models.record.phase == .latent && !models.best.isEmpty)
        let url = run.appendingPathComponent("copy.safetensors")
        try models.write(to: url)
        let loaded = try RunModels(contentsOf: url)
        var record = loaded.record
        record.optimizers = [:]  // the loaded record keeps the optimizers' headers, compared with their buffers below
        #expect(record == models.record)
        #expect(loaded.parameters() == models.parameters())
        #expect(loaded.best == models.best)
        #expect(Set(loaded.forward.keys) == [ForwardModelID(space: .latent, rule: .pc), ForwardModelID(space: .latent, rule: .bp)])
        for (id, model) in models.forward {
            let copy = try #require(loaded.forward[id])
            #expect(loaded.forwardTraining[id]?.optimizerState == models.forwardTraining[id]?.optimizerState, "\(id)")
            #expect(copy.inputNormalizer == model.inputNormalizer && copy.targetNormalizer == model.targetNormalizer, "\(id)")
            let z = models.contrastive.encoder.encode(data, frames: [0, 1, 2])
            let actions = data.actions.gatherRows([0, 1, 2])
            #expect(copy.predictNext(z, actions: actions) == model.predictNext(z, actions: actions), "\(id)")
        }
        for (mine, theirs) in zip(models.contrastiveTraining.optimizers, loaded.contrastiveTraining.optimizers) {
            #expect(mine.state == theirs.state)
        }
        #expect(loaded.contrastive.stateNormalizer == models.contrastive.stateNormalizer)
    }

    @Test func damageAndMismatchesNameTheFileAndWhat() throws {
        let run = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: run) }
        let (models, _) = try Self.models(in: run)
        let url = run.appendingPathComponent("bad.safetensors"), path = url.path
        /// Writes `archive` with a valid checksum, so the check under test is the one that fires.
        func write(_ change: (inout SafetensorsArchive) -> Void) throws {
            var archive = models.archive()
            change(&archive)
            archive.metadata[RunModels.checksumKey] = String(RunModels.checksum(archive.tensors))
            try archive.write(to: url)
        }

        try write { $0.tensors["state.pc.parameters"] = $0.tensors["latent.pc.parameters"] }
        #expect(throws: RunError.corrupt(path: path, reason: "missing tensor 'state.pc.input_norm'")) { try RunModels(contentsOf: url) }
        try write { $0.tensors["latent.pc.parameters"] = Tensor([Float](repeating: 0, count: 3), shape: [3]) }
        let count = models.forward[ForwardModelID(space: .latent, rule: .pc)]!.parameters.count
        #expect(throws: RunError.corrupt(path: path, reason: "tensor 'latent.pc.parameters' has 3 elements, the model needs \(count) (architecture mismatch)")) {
            try RunModels(contentsOf: url)
        }
        try write { $0.tensors["latent.bp.input_norm"] = nil }
        #expect(throws: RunError.corrupt(path: path, reason: "missing tensor 'latent.bp.input_norm'")) { try RunModels(contentsOf: url) }
        try write { $0.tensors["best/encoder.parameters"] = Tensor([Float](repeating: 0, count: 3), shape: [3]) }
        #expect(throws: RunError.corrupt(path: path, reason: "tensor 'best/encoder.parameters' belongs to no network of the run")) {
            try RunModels(contentsOf: url)
        }
        try write { $0.metadata[RunModels.recordKey] = "{\"formatVersion\": 1}" }
        #expect { try RunModels(contentsOf: url) } throws: { error in
            guard case let .corrupt(errorPath, reason) = error as? RunError else { return false }
            return errorPath == path && reason.hasPrefix("cannot read 'foresight.run'")
        }
        // An edited record (outside the tensor checksum) is refused before anything is allocated from it.
        func editRecord(_ edit: (inout RunRecord) -> Void) throws {
            var record = models.record
            edit(&record)
            let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
            try write { $0.metadata[RunModels.recordKey] = json }
        }
        try editRecord { $0.config.forwardHidden = [1 << 40] }
        #expect(throws: RunError.corrupt(path: path, reason: "'foresight.run': field 'config.forwardHidden' is [1099511627776], "
                                         + "expected at most 16 widths in 1...16384")) { try RunModels(contentsOf: url) }
        try editRecord { $0.data.bodies[0].xColumn = 99 }
        #expect { try RunModels(contentsOf: url) } throws: { error in
            guard case let .corrupt(errorPath, reason) = error as? RunError else { return false }
            return errorPath == path && reason.contains("field 'data.bodies.") && reason.contains("columns x 99")
        }
        try write { $0.metadata[RunModels.recordKey] = nil }
        #expect(throws: RunError.corrupt(path: path, reason: "no 'foresight.run' entry in __metadata__")) { try RunModels(contentsOf: url) }

        try models.write(to: url)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count - 10).write(to: url)
        #expect { try RunModels(contentsOf: url) } throws: { error in
            guard case let .corrupt(errorPath, reason) = error as? RunError else { return false }
            return errorPath == path && reason.contains("truncated")
        }
    }
}
