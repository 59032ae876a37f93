#if Viewer
import Foundation
import Simulation
import WorldModel

/// A pixel run's own latent model as the overlay's prediction source (`view --model RUN --ghosts latent`): each
/// prediction encodes the observation's camera image, rolls the run's latent forward model and reads the bodies through
/// the run's position probe (WorldModel's `LatentPositionPredictor`), with its bodies in the world's order.
public final class LatentPredictionSource: PredictionSource {
    public let name: String
    private var predictor: LatentPositionPredictor
    /// For each environment body, its index among the run's bodies.
    private let order: [Int]
    /// The last image `sight(of:)` encoded and what the encoder saw in it.
    private var lastSight: (pixels: [UInt8], sight: LatentPositionPredictor.Sight)?

    /// Wraps `predictor` (loaded from `path`) for `environment`, whose observations must hold the camera image the run was
    /// trained on; errors name `path` and the field that differs.
    public init(predictor: LatentPositionPredictor, path: String, environment: Environment) throws {
        try Self.check(predictor.record, path: path, environment: environment)
        self.predictor = predictor
        order = try RunPredictionSource.bodyOrder(predicted: predictor.record.data.bodies.map(\.name), environment: environment,
                                                  path: path)
        name = "\(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent) \(predictor.modelID.name)+probe"
    }

    /// Loads `run` (a run folder or a checkpoint file), checks it fits `environment`, then fits its probe on the run's
    /// training data (`progress` hears how it goes) and wraps it.
    public convenience init(run: URL, environment: Environment, progress: (String) -> Void = { _ in }) throws {
        try self.init(predictor: Self.fittedPredictor(run: run, environment: environment, progress: progress), path: run.path,
                      environment: environment)
    }

    /// The latent predictor of `run` (a run folder or a checkpoint file) for `environment`: loaded, checked to fit, its
    /// probe fitted on the run's training data (`progress` hears how it goes); errors name `--model` and the run.
    public static func fittedPredictor(run: URL, environment: Environment,
                                       progress: (String) -> Void = { _ in }) throws -> LatentPositionPredictor {
        let file = run.pathExtension == "safetensors" ? run : RunCheckpointFile.best.url(in: run)
        do {
            let models = try RunModels(contentsOf: file)
            try check(models.record, path: run.path, environment: environment)
            _ = try RunPredictionSource.bodyOrder(predicted: models.record.data.bodies.map(\.name), environment: environment,
                                                  path: run.path)
            return try LatentPositionPredictor.fitted(models: models, checkpoint: file, progress: progress)
        } catch let error as ViewerError {
            throw error
        } catch {
            throw ViewerError.invalidOption("--model \(run.path): \(error)")
        }
    }

    /// Throws unless `environment`'s observations (the camera image included) fit the run recorded as `record`.
    static func check(_ record: RunRecord, path: String, environment: Environment) throws {
        do {
            try record.checkCompatible(with: DataSignature(environment: environment),
                                       at: "world \(environment.spec.name) (as the viewer renders it)", for: .evaluation)
        } catch let error as RunError {
            throw ViewerError.invalidOption("--model \(path): \(error)")
        }
    }

    public func predictPositions(from observation: Observation, actions: [[Float]]) -> [[SIMD2<Double>]] {
        guard let pixels = observation.pixels else {
            preconditionFailure("LatentPredictionSource: the observation holds no camera image (ViewerOptions.modelReadsPixels)")
        }
        return predictor.predictPositions(pixels: pixels, actions: actions).dropFirst().map { step in order.map { step[$0] } }
    }

    /// What the model sees in `observation`'s camera image, with each slot's colour: the colour of the body the probe reads
    /// from it (`bodyColors` in the environment's body order), or a colour of its own.
    public func sight(of observation: Observation, bodyColors: [RGB]) -> ModelSight? {
        guard let pixels = observation.pixels else { return nil }
        if lastSight?.pixels != pixels { lastSight = (pixels, predictor.sight(pixels: pixels)) }
        let sight = lastSight!.sight
        guard let masks = sight.masks else { return nil }
        let colors = Self.slotColors(slots: masks.cols - 1, bodySlots: predictor.probe.bodySlots, order: order, bodyColors: bodyColors)
        return ModelSight(image: SlotMaskTint.tint(camera: sight.camera, masks: masks, colors: colors), side: sight.side)
    }

    /// Each of `slots` slots' colour: that of the environment body the probe reads from it (`bodySlots` per run body,
    /// `order[i]` environment body `i`'s run body, `bodyColors` per environment body), else a colour of its own.
    static func slotColors(slots: Int, bodySlots: [Int?], order: [Int], bodyColors: [RGB]) -> [RGB] {
        (0..<slots).map { slot in
            guard let body = bodySlots.firstIndex(of: slot), let shown = order.firstIndex(of: body) else {
                return ModelSight.unreadSlotColor(slot)
            }
            return bodyColors[shown]
        }
    }
}
#endif
