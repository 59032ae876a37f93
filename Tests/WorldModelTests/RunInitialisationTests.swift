import Foundation
import Simulation
import Testing
import TensorCore
@testable import WorldModel

/// `train --init`: a new run takes over another run's tensors by id, bit for bit, and refuses other shapes by name.
@Suite struct RunInitialisationTests {
    static let data = SyntheticWorld.data(episodes: 6, steps: 4, side: 8, seed: 3)

    static func config(hidden: [Int], seed: UInt64) -> WorldModelConfig {
        var config = TrainingTests.config(input: .state, epochs: 1)
        config.forwardEpochs = 1
        config.forwardHidden = hidden
        config.seed = seed
        return config
    }

    /// A fresh trainer of `config` on the synthetic data, writing to `run`.
    static func trainer(_ config: WorldModelConfig, run: URL) throws -> WorldModelTrainer {
        try WorldModelTrainer(config: config, data: SyntheticWorld.signature(side: 8), train: data, validation: data, runURL: run)
    }

    /// A finished run of hidden widths `[16, 16]` in `run`, as its best checkpoint holds it.
    static func sourceRun(_ run: URL) throws -> RunModels {
        try trainer(config(hidden: [16, 16], seed: 5), run: run).run()
        return try RunModels(contentsOf: RunCheckpointFile.best.url(in: run))
    }

    @Test func matchingTensorsAreLoadedBitExactly() throws {
        let source = TrainingTests.temporaryRun(), target = TrainingTests.temporaryRun()
        defer { for run in [source, target] { try? FileManager.default.removeItem(at: run) } }
        let trained = try Self.sourceRun(source)
        let trainer = try Self.trainer(Self.config(hidden: [16, 16], seed: 9), run: target)
        #expect(trainer.models.contrastive.networks.map(\.parameters) != trained.contrastive.networks.map(\.parameters))
        let plan = try RunInitialisation(sourceRun: source.path, for: trainer.models.record, mapsBodies: false, skipsMismatched: false)
        #expect(plan.absent.isEmpty && plan.skipped.isEmpty)
        trainer.initialise(from: plan)
        #expect(trainer.models.contrastive.networks.map(\.parameters) == trained.contrastive.networks.map(\.parameters))
        #expect(trainer.models.contrastive.stateNormalizer == trained.contrastive.stateNormalizer)
        for phase in [TrainingPhase.latent, .state] { try PhaseSetup.createForwardModels(phase: phase, trainer: trainer) }
        #expect(Set(trainer.models.forward.keys) == Set(trained.forward.keys))
        for (id, model) in trained.forward {
            let loaded = try #require(trainer.models.forward[id])
            #expect(loaded.parameters == model.parameters, "\(id)")
            #expect(loaded.inputNormalizer == model.inputNormalizer && loaded.targetNormalizer == model.targetNormalizer, "\(id)")
        }
    }

    @Test func aStatePlusLidarRunTakesOverAnotherOnesEncoderKeepingLidarStatistics() throws {
        let data = SyntheticWorld.data(episodes: 4, steps: 3, side: 4, lidarRays: 8, seed: 4)
        var config = Self.config(hidden: [16, 16], seed: 5)
        config.input = .stateLidar
        let record = RunRecord(config: config, data: SyntheticWorld.signature(side: 4, lidarRays: 8), dataset: nil)
        let source = RunModels(record: record, fittedTo: data)
        config.seed = 9
        let target = RunModels(record: RunRecord(config: config, data: record.data, dataset: nil), fittedTo: data)
        let plan = try RunInitialisation(source: source.tensors(), path: "source", for: target.record, skipsMismatched: false)
        plan.initialiseContrastive(target)
        #expect(target.contrastive.lidarNormalizer == source.contrastive.lidarNormalizer)
        #expect(target.contrastive.networks.map(\.parameters) == source.contrastive.networks.map(\.parameters))
    }

    @Test func anotherArchitectureIsRefusedNamingTheTensor() throws {
        let source = TrainingTests.temporaryRun(), target = TrainingTests.temporaryRun()
        defer { for run in [source, target] { try? FileManager.default.removeItem(at: run) } }
        _ = try Self.sourceRun(source)
        let trainer = try Self.trainer(Self.config(hidden: [8, 8], seed: 9), run: target)
        let latentBP = RunNetworkID.forward(ForwardModelID(space: .latent, rule: .bp))
        let expected = RunInitialisation.Mismatch(tensor: .parameter(network: latentBP, member: 0, tensor: "layers.0.bias"),
                                                  sourceShape: [16], runShape: [8])
        #expect(throws: RunInitialisationError.mismatch(path: source.path, expected)) {
            try RunInitialisation(sourceRun: source.path, for: trainer.models.record, mapsBodies: false, skipsMismatched: false)
        }
        #expect(RunInitialisationError.mismatch(path: source.path, expected).description.contains("'latent.bp.0.layers.0.bias'"))
    }

    @Test func skippingMismatchesLoadsTheRestAndNamesWhatStartsFresh() throws {
        let source = TrainingTests.temporaryRun(), target = TrainingTests.temporaryRun()
        defer { for run in [source, target] { try? FileManager.default.removeItem(at: run) } }
        let trained = try Self.sourceRun(source)
        let trainer = try Self.trainer(Self.config(hidden: [8, 8], seed: 9), run: target)
        let plan = try RunInitialisation(sourceRun: source.path, for: trainer.models.record, mapsBodies: false, skipsMismatched: true)
        let statePC = RunNetworkID.forward(ForwardModelID(space: .state, rule: .pc))
        #expect(plan.skipped.contains(.init(tensor: .parameter(network: statePC, member: 0, tensor: "layers.1.weight"),
                                            sourceShape: [16, 16], runShape: [8, 8])))
        #expect(plan.summary.contains("skipped state.pc.0.layers.1.weight: [16, 16] in the source run, [8, 8] here"))
        trainer.initialise(from: plan)
        #expect(trainer.models.contrastive.networks.map(\.parameters) == trained.contrastive.networks.map(\.parameters))
        try PhaseSetup.createForwardModels(phase: .state, trainer: trainer)
        let model = try #require(trainer.models.forward[ForwardModelID(space: .state, rule: .pc)])
        let original = try #require(trained.forward[ForwardModelID(space: .state, rule: .pc)])
        // The output bias has the same shape in both runs: taken over; the hidden layers start from the new run's seed.
        let bias = model.members[0].layout.entries.last!, originalBias = original.members[0].layout.entries.last!
        #expect(bias.name == "layers.2.bias" && Array(model.parameters[bias.range]) == Array(original.parameters[originalBias.range]))
        #expect(model.inputNormalizer == original.inputNormalizer)
    }

    @Test func mappingBodiesCarriesTheStateModelsFirstLayersBetweenWorldsOfOtherBodies() throws {
        func record(_ world: String) throws -> RunRecord {
            let environment = try Environment(spec: WorldSpec.builtIn(named: world), observations: ObservationSettings(kinds: [.state]))
            var config = Self.config(hidden: [16, 16], seed: 5)
            config.forward = .both
            return RunRecord(config: config, data: DataSignature(environment: environment))
        }
        let push = try record("push"), tee = try record("push-tee")
        var rng = RandomStream(seed: 6)
        let trained = ForwardModelID.all.filter { push.config.forward.trains($0.rule) }
        let source = RunModels(record: push, stateNormalizer: Normalizer(identity: push.data.stateSize)).tensors(
            forward: Dictionary(uniqueKeysWithValues: trained.map { ($0, ForwardModel.prototype($0, record: push)) }))
        let firstWeight = RunTensorID.parameter(network: .contrastive(0), member: 0, tensor: "layers.0.weight")
        let width = try #require(source[firstWeight]).shape[0]
        #expect(throws: RunInitialisationError.mismatch(path: "push", .init(tensor: firstWeight, sourceShape: [width, 48], runShape: [width, 16]))) {
            try RunInitialisation(source: source, path: "push", for: tee, skipsMismatched: false)
        }
        let mapping = try #require(BodyLayoutMapping(source: push, target: tee))
        #expect(mapping.bodies == [0, 5] && mapping.mapsStateEncoder)
        let plan = try RunInitialisation(source: source, path: "push", for: tee, bodyMapping: mapping, skipsMismatched: false)
        let mapped = ForwardModelID.all.filter { $0.space == .state }.flatMap { id -> [RunTensorID] in
            [.inputNormalizer(id), .targetNormalizer(id)] + ["layers.0.weight", "layers.0.bias"].map {
                .parameter(network: .forward(id), member: 0, tensor: $0)
            }
        }
        #expect(Set(plan.mapped.keys) == Set(mapped + [firstWeight, .stateNormalizer]) && plan.bodyMapping == mapping)
        #expect(plan.skipped.isEmpty && plan.summary.contains("bodies: pusher ← pusher, tee ← tee"))
        // The encoder reads the state: the pusher's and the tee's fields come from their namesakes' columns (the tee is push's sixth body).
        #expect(mapping.states == Array(0..<8) + Array(40..<48))
        let models = RunModels(record: tee, stateNormalizer: Normalizer(fitting: Matrix.normal(rows: 20, cols: 16, rng: &rng)))
        let fresh = models.contrastive.stateNormalizer
        plan.initialiseContrastive(models)
        let weight = models.contrastive.networks[0].parameters, sourceWeight = try #require(source[firstWeight]).values
        for h in 0..<width {
            for column in 0..<16 { #expect(weight[h * 16 + column].bitPattern == sourceWeight[h * 48 + mapping.states[column]!].bitPattern) }
        }
        let sourceStatistics = Normalizer(try #require(source[.stateNormalizer]))
        #expect(models.contrastive.stateNormalizer == mapping.stateNormalizer(source: sourceStatistics, fresh: fresh))
        #expect(models.contrastive.stateNormalizer.std[8] == sourceStatistics.std[40] && fresh.std[8] != sourceStatistics.std[40])
    }
}
