import Foundation
import Learning
import Testing
import TensorCore
@testable import WorldModel

@Suite struct TrainingTests {
    static func config(input: EncoderInput = .pixels, epochs: Int = 6) -> WorldModelConfig {
        var config = WorldModelConfig()
        config.input = input
        config.pixelPooling = 1
        config.keypoints = 4
        config.latentSize = 4
        config.encoderEpochs = epochs
        config.forwardEpochs = 3
        config.encoderBatch = 32
        config.pcInferenceSteps = 8
        config.seed = 5
        config.stateFrame = .world  // the synthetic bodies have positions only
        return config
    }

    static func temporaryRun() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("foresight-wm-\(UUID().uuidString)")
    }

    @Test func encoderSeparatesStatesAndLossGoesDown() throws {
        let train = SyntheticWorld.data(episodes: 60, steps: 10, seed: 1)
        let test = SyntheticWorld.data(episodes: 20, steps: 10, seed: 2)
        let run = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try WorldModelTrainer(config: TrainingTests.config(epochs: 8), data: SyntheticWorld.signature(side: 16),
                                            train: train, validation: test, runURL: run)
        try trainer.run()
        let encoderLosses = trainer.models.record.history.filter { $0.phase == "contrastive" }.map(\.trainLoss)
        #expect(encoderLosses.last! < encoderLosses.first! * 0.7)
        let evaluation = try Evaluation(models: trainer.models, train: train, test: test, maxHorizon: 5)
        let cswm = evaluation.ranking[RankingProtocol(candidates: .sameStep, direction: .targetsPerPrediction)]![.transition]![0].hits(at: 1)
        #expect(cswm > 0.5, "H@1 at k=1 among the step-1 frames is \(cswm); chance is \(1.0 / 20)")
        let everyFrame = evaluation.ranking[.headline]![.transition]![0].hits(at: 1)
        #expect(everyFrame > 0.2, "H@1 at k=1 against every frame is \(everyFrame); chance is \(1.0 / (20 * 11))")
        #expect(Set(evaluation.movedObjectError.keys) == Set(evaluation.objectError.keys))
        #expect(evaluation.textTables().contains("objects that moved"))
        // The state models ranked by body positions: "nothing moves" holds frame t, to which every target t + 1 loses.
        let held = evaluation.positionRanking[.headline]![.nothingMoves]![0]
        #expect(held.hits(at: 1) == 0 && held.meanReciprocalRank <= 0.5)
        #expect(evaluation.positionRanking[.headline]![.forward(ForwardModelID(space: .state, rule: .pc))]?.count == 5)
        #expect(evaluation.textTables().contains("against true body positions"))
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("metrics.csv").path))
    }

    @Test(arguments: [1, 2])
    func resumeMatchesAnUninterruptedRun(ensembleSize: Int) throws {
        let train = SyntheticWorld.data(episodes: 12, steps: 6, side: 8, seed: 3)
        let validation = SyntheticWorld.data(episodes: 4, steps: 6, side: 8, seed: 4)
        var config = TrainingTests.config(epochs: 3)
        config.forwardEpochs = 2
        config.forwardEnsembleSize = ensembleSize
        config.stateRolloutHorizon = ensembleSize == 2 ? 2 : nil  // rollout pairs (second state epoch) resume exactly too
        let signature = SyntheticWorld.signature(side: 8)
        let straight = TrainingTests.temporaryRun(), interrupted = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: straight); try? FileManager.default.removeItem(at: interrupted) }
        let reference = try WorldModelTrainer(config: config, data: signature, train: train, validation: validation, runURL: straight)
        try reference.run()
        for stop in [2, 4] {  // mid-contrastive phase, then mid-latent phase
            let first = try WorldModelTrainer(config: config, data: signature, train: train, validation: validation, runURL: interrupted)
            #expect(try first.run(epochLimit: 2) == false)
            if stop == 4 {  // a second interruption, after a resume
                let again = try WorldModelTrainer(models: RunModels(contentsOf: first.lastURL), train: train, validation: validation,
                                                  runURL: interrupted)
                #expect(try again.run(epochLimit: 2) == false)
                #expect(again.models.record.phase == .latent && again.models.record.epochsDone == 1)
            }
            let resumed = try WorldModelTrainer(models: RunModels(contentsOf: first.lastURL), train: train, validation: validation,
                                                runURL: interrupted)
            #expect(try resumed.run())
            let a = reference.models.parameters(), b = resumed.models.parameters()
            #expect(Set(a.keys) == Set(b.keys))
            for key in a.keys { #expect(a[key]! == b[key]!, "\(key) differs after resuming at epoch \(stop)") }
        }
    }

    @Test func theCosineScheduleLowersTheForwardLearningRateEpochByEpoch() throws {
        let cosine = LearningRateSchedule.cosine
        #expect(cosine.factor(epoch: 0, of: 4) == 1 && abs(cosine.factor(epoch: 2, of: 4) - 0.5) < 1e-6)
        #expect((0..<7).allSatisfy { cosine.factor(epoch: $0 + 1, of: 8) < cosine.factor(epoch: $0, of: 8) })
        #expect(cosine.factor(epoch: 7, of: 8) > 0 && LearningRateSchedule.constant.factor(epoch: 7, of: 8) == 1)
        var config = TrainingTests.config(input: .state, epochs: 1)
        config.forwardSchedule = .cosine
        config.forwardEpochs = 3
        let data = SyntheticWorld.data(episodes: 6, steps: 4, seed: 8)
        let run = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try WorldModelTrainer(config: config, data: SyntheticWorld.signature(side: 16), train: data, validation: data,
                                            runURL: run)
        try trainer.run()
        let last = config.forwardLearningRate * cosine.factor(epoch: 2, of: 3)
        #expect(Set(trainer.models.forward.keys) == Set(ForwardModelID.all))
        for id in ForwardModelID.all { #expect(trainer.models.forwardTraining[id]!.learningRate == last) }
    }

    @Test func theBodyFrameIsRefusedForStatesWithoutHeadingsAndVelocities() throws {
        var config = TrainingTests.config(input: .state)
        config.stateFrame = .body
        let data = SyntheticWorld.data(episodes: 2, steps: 2, seed: 1)
        #expect { try WorldModelTrainer(config: config, data: SyntheticWorld.signature(side: 16), train: data, validation: data,
                                        runURL: TrainingTests.temporaryRun()) } throws: { error in
            guard case let .mismatch(path, field, _, found)? = error as? RunError else { return false }
            return path == "the training data" && field == "observations.state.labels" && found == "robot.x,robot.y,block.x,block.y"
        }
        // A state that does not split into bodies (here: no robot among them) trains the flat model instead.
        var unsplit = SyntheticWorld.signature(side: 16)
        unsplit.bodies = [SyntheticWorld.bodies[1]]
        let flat = try WorldModelTrainer(config: config, data: unsplit, train: data, validation: data, runURL: TrainingTests.temporaryRun())
        #expect(flat.models.stateLayout == nil)
    }

    @Test func damagedOrMismatchedCheckpointsAreRefused() throws {
        let train = SyntheticWorld.data(episodes: 6, steps: 4, side: 8, seed: 3)
        var config = TrainingTests.config(input: .state, epochs: 1)
        config.forwardEpochs = 1
        let run = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try WorldModelTrainer(config: config, data: SyntheticWorld.signature(side: 8), train: train,
                                            validation: train, runURL: run)
        try trainer.run()
        #expect(try RunModels(contentsOf: trainer.bestURL).parameters() == trainer.models.parameters())

        // The viewer's predictor reads the same run and rolls the state model forward.
        var predictor = try PositionPredictor(run: run)
        #expect(predictor.modelID == ForwardModelID(space: .state, rule: .pc))
        let start = train.states.row(0)
        let positions = predictor.predictPositions(state: start, actions: [[0.5, 0], [0.5, 0]])
        let twice = predictor.model.predictNext(predictor.model.predictNext(Matrix(rows: 1, cols: 4, elements: start),
                                                                             actions: Matrix([[0.5, 0]])), actions: Matrix([[0.5, 0]]))
        #expect(positions.count == 2 && positions[1].count == 2)
        #expect(abs(positions[1][1].x - Double(twice[0, 2])) < 1e-6 && abs(positions[1][0].y - Double(twice[0, 1])) < 1e-6)

        var bytes = try Data(contentsOf: trainer.lastURL)
        bytes[bytes.count - 5] ^= 0xFF
        let damaged = run.appendingPathComponent("damaged.safetensors")
        try bytes.write(to: damaged)
        #expect { try RunModels(contentsOf: damaged) } throws: { error in
            "\(error)".contains("damaged.safetensors") && "\(error)".contains("checksum")
        }
        try Data(bytes.prefix(100)).write(to: damaged)
        #expect { try RunModels(contentsOf: damaged) } throws: { error in "\(error)".contains("damaged.safetensors") }
    }
}
