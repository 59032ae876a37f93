import Foundation
import Learning
import Testing
import TensorCore
import TestSupport
@testable import WorldModel

/// The lidar encoder and late fusion: gradients by finite differences, the fused input's layout, and learning.
@Suite struct LidarEncoderTests {
    static func config(input: EncoderInput) -> WorldModelConfig {
        var config = TrainingTests.config(input: input)
        config.latentSize = 3
        config.keypoints = 2
        config.pixelHidden = [3]
        config.encoderHidden = [5]
        config.lidarChannels = [3, 4]
        config.lidarKernel = 3
        return config
    }

    /// Every network's parameter gradient of `Σ r ⊙ encoder(input)` against central differences (the loss summed in
    /// Double), as ‖analytic − numeric‖ / ‖numeric‖ per network: a step that crosses a ReLU's kink spoils one element, not the norm.
    static func expectGradientsMatchFiniteDifferences(_ encoder: any ObservationEncoder, input: Matrix, seed: UInt64) {
        var workspace = encoder.makeWorkspace()
        let projection = randomMatrix(rows: input.rows, cols: encoder.latentSize, seed: seed)
        func loss(_ model: any ObservationEncoder) -> Double {
            var scratch = model.makeWorkspace()
            return zip(model.forward(input, workspace: &scratch).storage, projection.storage)
                .reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        _ = encoder.forward(input, workspace: &workspace)
        var gradients = encoder.zeroGradients()
        encoder.backward(projection, workspace: &workspace, gradients: &gradients)
        for (index, network) in encoder.networks.enumerated() {
            var difference = 0.0, norm = 0.0
            for i in network.parameters.indices {
                var plus = encoder, minus = encoder
                var networks = encoder.networks
                let value = networks[index].parameters[i]
                networks[index].parameters[i] = value + 5e-4
                plus.networks = networks
                let up = networks[index].parameters[i]
                networks[index].parameters[i] = value - 5e-4
                minus.networks = networks
                let numeric = (loss(plus) - loss(minus)) / Double(up - networks[index].parameters[i])
                difference += (numeric - Double(gradients[index][i])) * (numeric - Double(gradients[index][i]))
                norm += numeric * numeric
            }
            #expect(norm > 0, "network \(index) has no gradient")
            let relative = (difference / max(norm, 1e-30)).squareRoot()
            #expect(relative < 1e-2, "network \(index): ‖analytic − numeric‖ / ‖numeric‖ = \(relative)")
        }
    }

    @Test func lidarEncoderGradientsMatchFiniteDifferences() {
        let normalizer = Normalizer(identity: 8)
        let encoder = LidarEncoder(config: Self.config(input: .lidar), lidarNormalizer: normalizer, seed: 3)
        #expect(encoder.networks.map(\.config.inputSize) == [3, 9, 2 * 4])  // 8 rays → 4 → 2 positions
        Self.expectGradientsMatchFiniteDifferences(encoder, input: randomMatrix(rows: 3, cols: 8, seed: 4), seed: 5)
    }

    @Test func fusedEncoderGradientsReachEverySensorsNetworks() throws {
        let data = SyntheticWorld.data(episodes: 2, steps: 2, side: 4, lidarRays: 8, seed: 6)
        var config = Self.config(input: .pixelsLidar)
        config.lidarLatentSize = 2
        let models = RunModels(record: RunRecord(config: config, data: SyntheticWorld.signature(side: 4, lidarRays: 8), dataset: nil),
                               fittedTo: data)
        let encoder = try #require(models.contrastive.encoder as? FusedEncoder)
        #expect(encoder.networks.count == 2 + 3 && encoder.latentBlocks == [0..<3, 3..<5])  // pixels (features, head), lidar (two convolutions, head)
        Self.expectGradientsMatchFiniteDifferences(encoder, input: encoder.input(data, frames: [0, 2, 4]), seed: 7)
    }

    @Test func theFusedInputIsEverySensorsInputSideBySide() throws {
        let data = SyntheticWorld.data(episodes: 2, steps: 3, side: 4, lidarRays: 6, seed: 8)
        let models = RunModels(record: RunRecord(config: Self.config(input: .stateLidar), data: SyntheticWorld.signature(side: 4, lidarRays: 6),
                                                 dataset: nil), fittedTo: data)
        let fused = try #require(models.contrastive.encoder as? FusedEncoder)
        let frames = [5, 1, 6]
        let input = fused.input(data, frames: frames)
        let state = fused.parts[0].encoder.input(data, frames: frames), lidar = fused.parts[1].encoder.input(data, frames: frames)
        #expect(fused.parts.map(\.encoder.kind) == [.state, .lidar])
        #expect(input.columns(0..<4) == state && input.columns(4..<10) == lidar)
        #expect(models.contrastive.lidarNormalizer == Normalizer(fitting: data.lidar!))
    }

    @Test func aLidarOnlyEncoderLearnsWhereTheRobotIs() throws {
        // The robot's position is all in its lidar's distances to the walls and the block; a linear probe on the
        // contrastive latent must read it far better than the mean position does.
        let train = SyntheticWorld.data(episodes: 60, steps: 10, side: 4, lidarRays: 16, seed: 1)
        let test = SyntheticWorld.data(episodes: 20, steps: 10, side: 4, lidarRays: 16, seed: 2)
        var config = Self.config(input: .lidar)
        config.latentSize = 4
        config.encoderEpochs = 8
        config.forwardEpochs = 1
        config.lidarChannels = [8, 8]
        config.lidarKernel = 5
        let run = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try WorldModelTrainer(config: config, data: SyntheticWorld.signature(side: 4, lidarRays: 16), train: train,
                                            validation: test, runURL: run)
        try trainer.run()
        let encoder = trainer.models.contrastive.encoder
        let robot = [SyntheticWorld.bodies[0]]
        func robotPositions(_ data: EpisodeData) -> Matrix { data.positions.columns(0..<2) }
        let probe = try LinearProbe(features: encoder.encode(train, frames: Array(0..<train.frameCount)), targets: robotPositions(train),
                                    ridge: 1e-6)
        let predicted = probe.predict(encoder.encode(test, frames: Array(0..<test.frameCount)))
        let error = Evaluation.meanError(predicted, truth: robotPositions(test), bodies: robot.map { var b = $0; b.isObject = true; return b },
                                         objects: true)
        let mean = Matrix(rows: test.frameCount, cols: 2, elements: (0..<test.frameCount).flatMap { _ in
            (0..<2).map { c in (0..<train.frameCount).reduce(Float(0)) { $0 + train.positions[$1, c] } / Float(train.frameCount) }
        })
        let baseline = Evaluation.meanError(mean, truth: robotPositions(test), bodies: robot.map { var b = $0; b.isObject = true; return b },
                                            objects: true)
        #expect(error < 0.3 * baseline, "robot read from the lidar latent: \(error) m; the mean position: \(baseline) m")
    }
}

/// The contrastive objective of a fused encoder: one hinge per sensor's latent block, not one over the whole latent.
@Suite struct FusedObjectiveTests {
    @Test func eachSensorsLatentBlockCarriesItsOwnHinge() throws {
        let data = SyntheticWorld.data(episodes: 4, steps: 3, side: 4, lidarRays: 8, seed: 12)
        var config = LidarEncoderTests.config(input: .stateLidar)
        config.sameEpisodeNegatives = 0  // the negatives are then one shuffle of the batch
        let models = RunModels(record: RunRecord(config: config, data: SyntheticWorld.signature(side: 4, lidarRays: 8), dataset: nil),
                               fittedTo: data)
        let transitions = (0..<4).flatMap { e in (0..<3).map { (episode: e, step: $0) } }
        var rng = RandomStream(seed: 13)
        let loss = try models.contrastiveTraining.run(&models.contrastive, data: data, transitions: transitions,
                                                      batchSize: transitions.count, rng: &rng, train: false)

        let model = models.contrastive
        let fused = try #require(model.encoder as? FusedEncoder)
        let z = model.encoder.encode(data, frames: transitions.map { data.frame(episode: $0.episode, step: $0.step) })
        let next = model.encoder.encode(data, frames: transitions.map { data.frame(episode: $0.episode, step: $0.step + 1) })
        var workspace = model.transition.makeWorkspace()
        let delta = model.transition.forward(z, actions: data.actions.gatherRows(transitions.map {
            data.transition(episode: $0.episode, step: $0.step)
        }), workspace: &workspace)
        var draws = RandomStream(seed: 13)
        let negatives = ContrastiveHingeLoss.shuffledNegatives(count: transitions.count, rng: &draws)
        func hinge(_ columns: Range<Int>) -> Double {
            var gz = Matrix(rows: z.rows, cols: columns.count), gt = gz, gn = gz
            return Double(ContrastiveHingeLoss(margin: 1)(state: z.columns(columns), transition: delta.columns(columns),
                                                          next: next.columns(columns), negatives: negatives,
                                                          stateGradient: &gz, transitionGradient: &gt, nextGradient: &gn))
        }
        #expect(fused.latentBlocks == [0..<3, 3..<6])
        let perBlock = fused.latentBlocks.reduce(0.0) { $0 + hinge($1) }
        #expect(abs(loss - perBlock) < 1e-5 * max(1, perBlock), "loss \(loss), per-block hinges \(perBlock)")
        #expect(abs(hinge(0..<6) - perBlock) > 1e-3, "one hinge over the whole latent would give the same loss")
    }
}

/// A lidar run's checkpoint: the ranges' statistics are saved beside the weights, and a file without them is refused.
@Suite struct LidarCheckpointTests {
    @Test func aStateLidarRunComesBackEncodingTheSameAndNeedsItsLidarStatistics() throws {
        let data = SyntheticWorld.data(episodes: 6, steps: 4, side: 4, lidarRays: 8, seed: 14)
        var config = LidarEncoderTests.config(input: .stateLidar)
        config.encoderEpochs = 1
        config.forwardEpochs = 1
        let run = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try WorldModelTrainer(config: config, data: SyntheticWorld.signature(side: 4, lidarRays: 8), train: data,
                                            validation: data, runURL: run)
        try trainer.run()
        let loaded = try RunModels(contentsOf: trainer.bestURL)
        #expect(loaded.contrastive.lidarNormalizer == trainer.models.contrastive.lidarNormalizer)
        #expect(loaded.contrastive.encoder.encode(data, frames: Array(0..<data.frameCount))
                == trainer.models.contrastive.encoder.encode(data, frames: Array(0..<data.frameCount)))

        var archive = try SafetensorsArchive(contentsOf: trainer.bestURL)
        archive.tensors["lidar_normalizer"] = nil
        archive.metadata[RunModels.checksumKey] = String(RunModels.checksum(archive.tensors))
        let damaged = run.appendingPathComponent("damaged.safetensors")
        try archive.write(to: damaged)
        #expect { try RunModels(contentsOf: damaged) } throws: { error in
            guard case let .corrupt(path, reason)? = error as? RunError else { return false }
            return path == damaged.path && reason.contains("lidar_normalizer")
        }
    }
}
