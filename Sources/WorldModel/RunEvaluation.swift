import Simulation
import Foundation
import Trajectories

/// A run's checkpoint evaluated on a dataset's held-out episodes: the tables, and the HTML report written into the run.
public struct RunEvaluation {
    /// The numbers.
    public let evaluation: Evaluation
    /// The dataset evaluated on.
    public let dataset: RunDataset
    /// The evaluated checkpoint's run record.
    public let record: RunRecord
    /// `RUN/report.html` (written unless the scope is `.deterministicNumbers`).
    public let reportURL: URL
    /// The run's stochastic state model evaluated, when it has one (`train --critic`) and the scope is `.full`.
    public let stochastic: StochasticEvaluation?
    /// For a slot run, how its masks share out the bodies of every held-out frame (when the world's colours are known).
    public let slotCoverage: SlotCoverage?
    /// With `slotCoverage`, each body's slot (the one holding most of its pixels) and the error of reading the body's
    /// position from that slot's mask centroid (`SlotCentroids`, metres).
    public let slotCentroidErrors: [(body: String, slot: Int, error: Double)]

    /// How much of a run an evaluation covers.
    public enum Scope: Sendable {
        /// Every model, the stochastic one included, and the report written.
        case full
        /// The deterministic models' numbers only: no stochastic evaluation, no report (what `foresight compare` prints).
        case deterministicNumbers
    }

    /// Evaluates `checkpoint` of the run in `runURL` on `dataset` (its test split; the probe is fitted on its training
    /// split) up to `horizon` steps, and writes the report.
    ///
    /// Without `dataset`, the one the run records it was trained on (an error for runs that record none, or when
    /// that dataset's manifest changed since). `testEpisodes` caps the held-out episodes (see
    /// `RunDataset.heldOutEpisodes(for:count:)`). `verifyChecksums` checks every shard's CRC-32 first; `scope` says
    /// whether the stochastic model and the report are part of it.
    public init(runURL: URL, checkpoint: RunCheckpointFile = .best, dataset path: String? = nil, horizon: Int,
                testEpisodes: Int? = nil, verifyChecksums: Bool = true, scope: Scope = .full) throws {
        let file = checkpoint.url(in: runURL)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw RunError.missing(path: file.path, what: "no checkpoint (train the run first with `foresight train`)")
        }
        let models = try RunModels(contentsOf: file)
        let dataset = try path.map { try RunDataset(path: $0, verifyChecksums: verifyChecksums) }
            ?? RunDataset(recordedIn: models.record, checkpoint: file.path, verifyChecksums: verifyChecksums)
        let config = models.record.config
        try models.record.checkCompatible(with: dataset.signature, at: dataset.reference.path, for: .evaluation)
        let train = try dataset.episodes(.train, for: config)
        let testIndices = try dataset.heldOutEpisodes(for: models.record, count: testEpisodes)
        let test = try EpisodeData(dataset: dataset.dataset, episodes: testIndices, pixels: config.input.readsPixels,
                                   pooling: config.pixelPooling, signature: dataset.signature)
        evaluation = try Evaluation(models: models, train: train, test: test, maxHorizon: horizon)
        stochastic = scope == .deterministicNumbers ? nil : try StochasticModelFile(in: runURL, record: models.record).map {
            try StochasticEvaluation(file: $0, models: models, test: test, horizon: horizon)
        }
        let bodies = models.record.data.bodies.map(\.name)
        if let encoder = models.contrastive.encoder as? SlotEncoder,
           let colours = (try? dataset.dataset.manifest.worldSpec.decode(as: WorldSpec.self))
               .flatMap({ SlotCoverage.colours(of: $0, bodies: bodies) }) {
            // The held-out frames' masks, computed once for the coverage and the centroids.
            let frames = Array(0..<test.frameCount), masks = encoder.masks(test, frames: frames)
            let coverage = SlotCoverage(masks: masks, data: test, frames: frames, colours: colours)
            let owners = bodies.indices.map { body in (0..<encoder.slots).max { coverage.share[body][$0] < coverage.share[body][$1] }! }
            let errors = try SlotCentroids.errors(masks: masks, side: encoder.frameSide, data: test, frames: frames, owners: owners)
            slotCoverage = coverage
            slotCentroidErrors = bodies.indices.map { (bodies[$0], owners[$0], errors[$0]) }
        } else {
            slotCoverage = nil
            slotCentroidErrors = []
        }
        self.dataset = dataset
        record = models.record
        reportURL = runURL.appendingPathComponent("report.html")
        guard scope == .full else { return }

        let (frames, predicted) = try RunEvaluation.strips(evaluation, dataset: dataset, episodes: testIndices)
        let manifest = dataset.dataset.manifest
        let summary = [
            "Run \(runURL.path) (\(checkpoint.rawValue) checkpoint), evaluated on \(dataset.dataset.url.path): world \(manifest.world), "
                + "policy \(manifest.policy), \(test.episodeCount) held-out episodes of \(test.steps) steps.",
            "Encoder: \(config.input.rawValue), latent \(config.latentSize)"
                + (config.input.readsPixels
                    ? ", " + (config.usesSlots ? "\(config.slotCount ?? 0) slots" : "\(config.keypoints) keypoints")
                        + " on \(dataset.signature.pixelSide / config.pixelPooling)² pooled images" : "")
                + "; forward models \(config.forwardHidden) \(config.forwardActivation.rawValue), PC with \(config.pcInferenceSteps) inference steps.",
        ]
        var report = evaluation.report(title: "Foresight world model: \(runURL.lastPathComponent)", summary: summary,
                                       history: models.record.history, frames: frames, predictedFrames: predicted)
        stochastic?.addSection(to: &report)
        if let encoder = models.contrastive.encoder as? SlotEncoder {
            report.heading("What the model sees: slot masks and the bodies read from them")
            report.imageStrip(label: "held-out episode \(testIndices[0]), k = 0",
                              images: SlotMaskImages.images(encoder: encoder, data: test, frame: 0, bodySlots: evaluation.bodySlots,
                                                            bodyNames: models.record.data.bodies.map(\.name)),
                              scale: 4)
        }
        try report.write(to: reportURL)
    }

    /// The evaluation as plain-text tables.
    public var text: String {
        evaluation.textTables() + (slotCoverage.map { "\n" + $0.text } ?? "") + centroidText + (stochastic?.textTables() ?? "")
    }

    /// Each body's error when read from its slot's mask centroid, one line (empty without slots).
    var centroidText: String {
        guard !slotCentroidErrors.isEmpty else { return "" }
        return "(each body read from the centroid of its slot's mask, an affine fit on the same frames: "
            + slotCentroidErrors.map { "\($0.body) " + String(format: "%.1f mm", 1000 * $0.error) + " (slot \($0.slot))" }.joined(separator: ", ")
            + ")\n"
    }

    /// Camera frames of the first held-out episodes (`episodes`, as evaluated) at the drawn steps, and the same scenes
    /// rasterised at the state-space model's predicted positions (PC, else backprop); none without pixels.
    static func strips(_ evaluation: Evaluation, dataset: RunDataset, episodes: [Int]) throws -> (frames: [[PNGImage]], predicted: [[PNGImage]]) {
        let side = dataset.signature.pixelSide
        guard side > 0 else { return ([], []) }
        var frames: [[PNGImage]] = [], predicted: [[PNGImage]] = []
        let steps = [0] + Array(evaluation.horizons.prefix(3))
        let renderer = PredictedFrameRenderer(world: dataset.dataset.manifest.world, side: side)
        let positions = evaluation.predictedPositions[.forward(ForwardModelID(space: .state, rule: .pc))]
            ?? evaluation.predictedPositions[.forward(ForwardModelID(space: .state, rule: .bp))]
        for (row, index) in episodes.prefix(3).enumerated() {
            let episode = try dataset.dataset.episode(index)
            guard let raw = episode.pixels else { break }
            frames.append(steps.map { k in
                PNGImage(width: side, height: side, rgb: Array(raw[(k * side * side * 3)..<((k + 1) * side * side * 3)]))
            })
            if let renderer, let positions {
                predicted.append(steps.map { k in
                    renderer.render(seed: episode.seed, bodies: dataset.signature.bodies.map(\.name), positions: positions[row][k])
                })
            }
        }
        return (frames, predicted)
    }
}
