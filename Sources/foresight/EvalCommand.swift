import ArgumentParser
import Foundation
import Simulation
import TensorCore
import Trajectories
import WorldModel

/// `foresight eval`: open-loop evaluation of a run on held-out episodes, as tables and an HTML report.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a trained run on held-out episodes: C-SWM ranking, position errors, baselines; writes RUN/report.html.")

    @Argument(help: ArgumentHelp("The run folder (from `foresight train`).", valueName: "run"))
    var runFolder: String

    @Option(help: "The dataset to evaluate on (its test split; the probe is fitted on its training split).")
    var data: String

    @Option(help: "Which checkpoint: best or last.")
    var checkpoint: String = "best"

    @Option(help: "The longest open-loop horizon.")
    var horizon: Int = 10

    func run() throws {
        useSingleThreadedBLAS()
        guard checkpoint == "best" || checkpoint == "last" else {
            throw ValidationError("--checkpoint must be best or last, got '\(checkpoint)'")
        }
        let report = try Eval.evaluate(runURL: URL(fileURLWithPath: runFolder), datasetURL: URL(fileURLWithPath: data),
                                       checkpoint: checkpoint, horizon: horizon)
        print(report.text)
        print("Report: \(report.url.path)")
    }

    /// Evaluates and writes the report; returns the text tables and the report's location.
    static func evaluate(runURL: URL, datasetURL: URL, checkpoint: String, horizon: Int) throws -> (text: String, url: URL, evaluation: Evaluation) {
        let file = runURL.appendingPathComponent("\(checkpoint).safetensors")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw RunError.missing(path: file.path, what: "no checkpoint (train the run first with `foresight train`)")
        }
        let models = try RunModels(contentsOf: file)
        let dataset = try Dataset(url: datasetURL)
        let signature = try DataSignature(manifest: dataset.manifest, path: datasetURL.path)
        let config = models.record.config
        try models.record.data.requireCompatible(signature, input: config.input, path: datasetURL.path)
        let pixels = config.input == .pixels
        let train = try EpisodeData(dataset: dataset, split: .train, pixels: pixels, pooling: config.pixelPooling, signature: signature)
        let test = try EpisodeData(dataset: dataset, split: .test, pixels: pixels, pooling: config.pixelPooling, signature: signature)
        let evaluation = try Evaluation(models: models, train: train, test: test, maxHorizon: horizon)

        // Camera frames of the first held-out episodes at the drawn steps, and the same scenes
        // rasterised at the state-space PC model's predicted positions.
        var frames: [[PNGImage]] = [], predicted: [[PNGImage]] = []
        if signature.pixelSide > 0 {
            let side = signature.pixelSide
            let steps = [0] + Array(evaluation.horizons.prefix(3))
            let renderer = PredictedFrameRenderer(world: dataset.manifest.world, side: side)
            for (row, index) in dataset.episodeIndices(split: .test).prefix(3).enumerated() {
                let episode = try dataset.episode(index)
                guard let raw = episode.pixels else { break }
                frames.append(steps.map { k in
                    PNGImage(width: side, height: side, rgb: Array(raw[(k * side * side * 3)..<((k + 1) * side * side * 3)]))
                })
                if let renderer, let positions = evaluation.predictedPositions[.forward(ForwardModelID(space: .state, rule: .pc))]
                    ?? evaluation.predictedPositions[.forward(ForwardModelID(space: .state, rule: .bp))] {
                    predicted.append(steps.map { k in
                        renderer.render(seed: episode.seed, bodies: signature.bodies.map(\.name), positions: positions[row][k])
                    })
                }
            }
        }
        let summary = [
            "Run \(runURL.path) (\(checkpoint) checkpoint), evaluated on \(datasetURL.path): world \(dataset.manifest.world), "
                + "policy \(dataset.manifest.policy), \(test.episodeCount) held-out episodes of \(test.steps) steps.",
            "Encoder: \(config.input.rawValue), latent \(config.latentSize)"
                + (pixels ? ", \(config.keypoints) keypoints on \(signature.pixelSide / config.pixelPooling)² pooled images" : "")
                + "; forward models \(config.forwardHidden) \(config.forwardActivation.rawValue), PC with \(config.pcInferenceSteps) inference steps.",
        ]
        let report = evaluation.report(title: "Foresight world model: \(runURL.lastPathComponent)", summary: summary,
                                       history: models.record.history, frames: frames,
                                       predictedFrames: predicted)
        let url = runURL.appendingPathComponent("report.html")
        try report.write(to: url)
        return (evaluation.textTables(), url, evaluation)
    }
}

/// Draws a world's scene with bodies moved to predicted positions, through the Simulation rasterizer.
struct PredictedFrameRenderer {
    let environment: Environment
    let rasterizer: Rasterizer

    /// nil when `world` is not a built-in world (then only the camera frames are shown).
    init?(world: String, side: Int) {
        guard let spec = try? WorldSpec.builtIn(named: world),
              let environment = try? Environment(spec: spec, observations: ObservationSettings(kinds: [.state], pixelSize: side))
        else { return nil }
        self.environment = environment
        rasterizer = Rasterizer(size: side, tableSize: environment.scene().tableSize)
    }

    /// The episode's initial scene with `bodies` placed at `positions` (orientations as at the start).
    func render(seed: UInt64, bodies: [String], positions: [SIMD2<Double>]) -> PNGImage {
        _ = environment.reset(seed: seed)
        var scene = environment.scene()
        scene.contacts = []
        scene.lidarRays = []
        for (name, position) in zip(bodies, positions) {
            if let i = scene.bodies.firstIndex(where: { $0.name == name }) { scene.bodies[i].position = position }
        }
        return PNGImage(width: rasterizer.size, height: rasterizer.size, rgb: rasterizer.render(scene))
    }
}
