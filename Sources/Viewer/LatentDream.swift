#if Viewer
import Simulation
import TensorCore
import WorldModel

/// A pixel run's dream in its own latent space: the camera image encoded at each sync, the latent rolled one step of the
/// run's latent forward model per control step, and the bodies placed where the run's position probe reads them.
///
/// The probe reads positions only, so every body keeps the heading it had at the last sync.
public struct LatentDream: DreamModel {
    /// The dreamed latent `[1, L]`.
    public private(set) var latent: Matrix
    private var predictor: LatentPositionPredictor
    /// For each environment body, its index among the run's bodies.
    private let order: [Int]
    /// Reads reality's headings at each sync.
    private let layout: StateReadout
    private var headings: [Double]

    /// A dream of `predictor`'s latent model (loaded from `path`) in `environment`, from `observation`, whose camera image
    /// the run must read; errors name `path` and what does not fit.
    public init(predictor: LatentPositionPredictor, path: String, environment: Environment, layout: StateReadout,
                observation: Observation) throws {
        try LatentPredictionSource.check(predictor.record, path: path, environment: environment)
        order = try RunPredictionSource.bodyOrder(predicted: predictor.record.data.bodies.map(\.name), environment: environment,
                                                  path: path)
        self.predictor = predictor
        self.layout = layout
        latent = Matrix(rows: 0, cols: 0)
        headings = []
        sync(to: observation)
    }

    public mutating func sync(to observation: Observation) {
        guard let pixels = observation.pixels else {
            preconditionFailure("LatentDream: the observation holds no camera image (ViewerOptions.modelReadsPixels)")
        }
        latent = predictor.latent(of: pixels)
        headings = layout.poses(in: observation.state).map(\.angle)
    }

    public mutating func advance(action: [Float]) { latent = predictor.step(latent, action: action) }

    public var poses: [BodyPose] {
        let positions = predictor.positions(of: latent)[0]
        return order.enumerated().map { BodyPose(position: positions[$0.element], angle: headings[$0.offset]) }
    }
}
#endif
