import Foundation
import TestSupport
import Testing
import Trajectories
@testable import WorldModel

/// `RunEvaluation`, what `foresight eval` runs, on a dataset whose motions are known in closed form.
@Suite struct RunEvaluationTests {
    /// Episode `e`, step `t`: the pusher at `(0.05 t, 0.1 e)`, box `a` at `(0.3 + d t, 0.1 e)` with `d = 0.01 (e mod 3)`,
    /// box `b` resting at `(-0.3, 0.1 e)`.
    static func positions(_ e: Int, _ t: Int) -> [Float] {
        let y = 0.1 * Float(e)
        return [0.05 * Float(t), y, 0.3 + 0.01 * Float(e % 3) * Float(t), y, -0.3, y]
    }

    /// The pusher's distances to the six positions as a 6-ray "lidar" (with `lidar`).
    static func writeDataset(to url: URL, episodes: Int, steps: Int, lidar: Bool = false) throws {
        let labels = ["pusher.x", "pusher.y", "a.x", "a.y", "b.x", "b.y"]
        var observations: [String: DatasetManifest.Observation] = ["state": .init(shape: [labels.count], labels: labels)]
        if lidar { observations["lidar"] = .init(shape: [labels.count]) }
        func ranges(_ e: Int, _ t: Int) -> [Float] { positions(e, t).map { abs($0 - positions(e, t)[0]) } }
        let manifest = DatasetManifest(
            world: "linear", worldSpec: .object(["name": .string("linear")]), policy: "scripted", seed: 1,
            episodes: episodes, stepsPerEpisode: steps, controlTimeStep: 0.1,
            observations: observations,
            action: .init(shape: [2], low: [-1, -1], high: [1, 1]),
            bodies: [.init(name: "pusher", role: "robot"), .init(name: "a", role: "object"), .init(name: "b", role: "object")],
            shards: ShardLayout.plan(episodes: episodes, episodesPerShard: 8))
        let writer = try DatasetWriter(destination: url, manifest: manifest, replaceExisting: false)
        for (index, shard) in manifest.shards.enumerated() {
            try writer.write(shard: index, episodes: shard.episodeRange.map { e in
                EpisodeRecord(seed: UInt64(e), state: (0...steps).flatMap { positions(e, $0) },
                              lidar: lidar ? (0...steps).flatMap { ranges(e, $0) } : nil,
                              actions: (0..<steps).flatMap { _ in [Float(0.5), Float(0)] },
                              rewards: [Float](repeating: 0, count: steps), contacts: [UInt8](repeating: 0, count: steps),
                              terminated: [UInt8](repeating: 0, count: steps))
            })
        }
        _ = try writer.finish()
    }

    @Test func theBaselineAndAStillForwardModelScoreTheKnownMotions() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let datasetPath = folder.file("linear").path, runURL = folder.file("run")
        try Self.writeDataset(to: folder.file("linear"), episodes: 20, steps: 10)
        var config = WorldModelConfig()
        config.input = .state
        config.stateFrame = .world
        config.latentSize = 4
        config.encoderEpochs = 1
        config.forwardEpochs = 1
        config.forwardHidden = [8]
        let dataset = try RunDataset(path: datasetPath)
        try WorldModelTrainer(config: config, dataset: dataset, runURL: runURL).run()

        // The state models set to predict no change: their errors are the baseline's.
        let best = RunCheckpointFile.best.url(in: runURL)
        let models = try RunModels(contentsOf: best)
        for rule in ForwardRule.allCases {
            let id = ForwardModelID(space: .state, rule: rule)
            let count = try #require(models.forward[id]).parameters.count
            models.forward[id]!.parameters = [Float](repeating: 0, count: count)
        }
        try models.write(to: best)

        let result = try RunEvaluation(runURL: runURL, horizon: 10)  // the dataset the run recorded
        #expect(result.dataset.reference.absolutePath == dataset.reference.absolutePath)
        let evaluation = result.evaluation
        let test = dataset.dataset.episodeIndices(split: .test)
        #expect(evaluation.episodes == test.count && test.count == 2 && evaluation.horizons == [1, 5, 10])
        #expect(test.contains { $0 % 3 != 0 }, "some held-out box moves (test episodes \(test))")
        // At step k box a moved 0.01 (e mod 3) k, box b rested, the pusher moved 0.05 k.
        func moves(_ k: Int) -> [Double] { test.map { 0.01 * Double($0 % 3) * Double(k) } }
        func objectError(_ k: Int) -> Double { moves(k).reduce(0, +) / Double(2 * test.count) }
        for k in 1...10 {
            let moved = moves(k).filter { $0 > Evaluation.movedThreshold }
            let objects = objectError(k)
            let share = Double(moved.count) / Double(2 * test.count)
            let movedError = moved.isEmpty ? Double.nan : moved.reduce(0, +) / Double(moved.count)
            #expect(abs(evaluation.movedObjectShare[k - 1] - share) < 1e-12, "k=\(k)")
            for key in [EvaluatedModel.nothingMoves, .forward(ForwardModelID(space: .state, rule: .pc)),
                        .forward(ForwardModelID(space: .state, rule: .bp))] {
                #expect(abs(try #require(evaluation.objectError[key])[k - 1] - objects) < 1e-6, "\(key) k=\(k)")
                #expect(abs(try #require(evaluation.robotError[key])[k - 1] - 0.05 * Double(k)) < 1e-6, "\(key) k=\(k)")
                let measured = try #require(evaluation.movedObjectError[key])[k - 1]
                #expect(measured.isNaN == movedError.isNaN && (movedError.isNaN || abs(measured - movedError) < 1e-6), "\(key) k=\(k)")
            }
        }
        // The text table prints the same numbers.
        let expected = [1, 5, 10].map { String(format: "%.4f", objectError($0)) } + [1, 5, 10].map { String(format: "%.4f", 0.05 * Double($0)) }
        let rows = result.text.split(separator: "\n").filter { $0.hasPrefix("nothing moves") }
            .map { $0.split(separator: " ").dropFirst(2).map(String.init) }
        #expect(rows.contains(expected), "\(rows)")
        #expect(FileManager.default.fileExists(atPath: result.reportURL.path))

        // A stochastic model beside the run is part of a full evaluation only.
        var stochasticConfig = StochasticTrainingConfig()
        (stochasticConfig.horizon, stochasticConfig.epochs, stochasticConfig.batch) = (3, 1, 8)
        let train = try dataset.episodes(.train, for: models.record.config)
        var training = try StochasticForwardTraining(deterministic: try #require(models.forward[stochasticConfig.source]),
                                                     runConfig: models.record.config, train: train, config: stochasticConfig)
        _ = try training.trainEpoch(on: train)
        try StochasticModelFile(training: training).write(in: runURL)
        #expect(try RunEvaluation(runURL: runURL, horizon: 10).stochastic != nil)
        #expect(try RunEvaluation(runURL: runURL, horizon: 10, scope: .deterministicNumbers).stochastic == nil)
    }
}
