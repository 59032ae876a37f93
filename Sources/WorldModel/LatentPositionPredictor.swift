import Foundation
import TensorCore

/// Predicts body positions from a camera image with a pixel run's own latent model (for the viewer's overlay):
/// the run's encoder (object slots or keypoints) encodes the image, its latent forward model rolls the latent over the
/// planned actions, and the `PositionProbe` `eval` uses reads every body's position from each latent (for slots, each
/// body from its best-fitting slot).
public struct LatentPositionPredictor {
    /// Which of the run's latent forward models rolls (`latent.pc` when the run has it, else `latent.bp`).
    public let modelID: ForwardModelID
    /// The run's record (what it was trained on, with which config).
    public let record: RunRecord
    /// The run's encoder.
    public let encoder: any ObservationEncoder
    /// The probe from latents to body positions (record body order).
    public let probe: PositionProbe
    /// Side of the raw camera images read (before the run's pooling).
    public let imageSide: Int
    private var rollout: Rollout<ForwardModel>
    private var workspace: EncoderWorkspace
    private var actions = Matrix(rows: 0, cols: 0), latents = Matrix(rows: 0, cols: 0)

    /// What the encoder saw in one image: the pooled camera frame and, for a slot encoder, its masks.
    public struct Sight: Sendable {
        /// The pooled RGB frame the encoder read, `side² * 3` bytes, the top row first.
        public var camera: [UInt8]
        /// Side of the pooled frame.
        public var side: Int
        /// The slot masks `[side², K + 1]` (background last); nil for a keypoint encoder.
        public var masks: Matrix?
    }

    /// A predictor with `models`' encoder and latent forward model (`prefer`'s rule when the run has it), the probe fitted on
    /// `train` (the run's training split, as `eval` fits it); errors name `path` (the checkpoint) and the missing field.
    public init(models: RunModels, train: EpisodeData, prefer rule: ForwardRule = .pc, path: String) throws {
        let id = try Self.latentModel(of: models, prefer: rule, path: path)
        modelID = id
        record = models.record
        encoder = models.contrastive.encoder
        probe = try PositionProbe(encoder: encoder, train: train)
        imageSide = models.record.data.pixelSide
        rollout = Rollout(model: models.forward[id]!)
        workspace = encoder.makeWorkspace()
    }

    /// A predictor with `models` (loaded from the checkpoint `file`), its probe fitted on the training split of the dataset
    /// the run records, telling `progress` what it is doing (it takes seconds); errors name the file and what is missing.
    public static func fitted(models: RunModels, checkpoint file: URL, prefer rule: ForwardRule = .pc,
                              progress: (String) -> Void = { _ in }) throws -> LatentPositionPredictor {
        _ = try latentModel(of: models, prefer: rule, path: file.path)
        let dataset = try RunDataset(recordedIn: models.record, checkpoint: file.path, verifyChecksums: false)
        try models.record.checkCompatible(with: dataset.signature, at: dataset.reference.path, for: .evaluation)
        progress("reading the training split of \(dataset.dataset.url.path) for the position probe")
        let train = try dataset.episodes(.train, for: models.record.config)
        progress("fitting the position probe on \(train.frameCount) frames")
        return try LatentPositionPredictor(models: models, train: train, prefer: rule, path: file.path)
    }

    /// The id of `models`' latent forward model (`prefer`'s rule first); throws, naming `path` and the field, unless the
    /// encoder reads the camera alone (slots or keypoints) and a latent forward model was trained.
    static func latentModel(of models: RunModels, prefer rule: ForwardRule, path: String) throws -> ForwardModelID {
        let input = models.record.config.input
        guard input == .pixels else {
            throw RunError.mismatch(path: path, field: "config.input", expected: "pixels (a run trained with --input pixels)",
                                    found: input.rawValue)
        }
        let order = [rule, rule == .pc ? .bp : .pc].map { ForwardModelID(space: .latent, rule: $0) }
        guard let id = order.first(where: { models.forward[$0] != nil }) else {
            throw RunError.missing(path: path, what: "the run has no latent forward model (latent.pc or latent.bp; train it to the end)")
        }
        return id
    }

    /// Positions of every body (record order, metres) now and after each action: `actions.count + 1` entries, the first
    /// the probe's reading of the image's own encoding, then one per step of the latent rollout.
    public mutating func predictPositions(pixels: [UInt8], actions plan: [[Float]]) -> [[SIMD2<Double>]] {
        let start = latent(of: pixels)
        if plan.isEmpty {
            latents = start
        } else {
            fillActions(plan)
            rollout.run(starts: start, actions: actions, into: &latents)
        }
        return positions(of: latents)
    }

    /// The latent one `action` after `latent` (`[1, L]`): one step of the latent forward model, the step a rollout takes.
    public mutating func step(_ latent: Matrix, action: [Float]) -> Matrix {
        fillActions([action])
        rollout.run(starts: latent, actions: actions, into: &latents)
        return latents.rows(1..<2)
    }

    /// Every body's position (record order, metres) the probe reads from each row of `latents` (`[N, L]`).
    public func positions(of latents: Matrix) -> [[SIMD2<Double>]] {
        let positions = probe.predict(latents), bodies = record.data.bodies.count
        return (0..<positions.rows).map { row in
            (0..<bodies).map { SIMD2(Double(positions[row, 2 * $0]), Double(positions[row, 2 * $0 + 1])) }
        }
    }

    /// The latent `[1, L]` of one raw camera image.
    public mutating func latent(of pixels: [UInt8]) -> Matrix {
        encoder.forward(encoder.input(frameData(pixels), frames: [0]), workspace: &workspace)
    }

    /// `plan` as the rollout's action rows.
    private mutating func fillActions(_ plan: [[Float]]) {
        actions.resize(rows: plan.count, cols: record.data.actionSize)
        for (h, action) in plan.enumerated() {
            precondition(action.count == actions.cols, "LatentPositionPredictor: action has \(action.count) entries, expected \(actions.cols)")
            for (j, value) in action.enumerated() { actions[h, j] = value }
        }
    }

    /// What the encoder sees in `pixels`: the pooled frame and, for slots, the masks.
    public mutating func sight(pixels: [UInt8]) -> Sight {
        let frame = frameData(pixels)
        _ = encoder.forward(encoder.input(frame, frames: [0]), workspace: &workspace)
        return Sight(camera: frame.pixels ?? [], side: frame.frameSide, masks: workspace.slotMasks?.masks)
    }

    /// One raw image as a one-frame `EpisodeData`, pooled as the run's training data was.
    private func frameData(_ pixels: [UInt8]) -> EpisodeData {
        precondition(pixels.count == imageSide * imageSide * 3,
                     "LatentPositionPredictor: image has \(pixels.count) bytes, expected \(imageSide)x\(imageSide)x3")
        return EpisodeData(episodeCount: 1, steps: 0, states: Matrix(rows: 1, cols: record.data.stateSize),
                           actions: Matrix(rows: 0, cols: record.data.actionSize), rawPixels: pixels, pixelSide: imageSide,
                           pooling: record.config.pixelPooling, bodies: record.data.bodies)
    }
}
