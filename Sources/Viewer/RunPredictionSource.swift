#if Viewer
import Foundation
import Simulation
import WorldModel

/// A trained run's state-space forward model (WorldModel's `PositionPredictor`) as the overlay's
/// prediction source, checked against the world being viewed and with its bodies in the world's order.
public final class RunPredictionSource: PredictionSource {
    public let name: String
    private var predictor: PositionPredictor
    /// The run's stochastic state model, when it has one (`train --critic`): the forecast's ghost branches.
    private var branches: FutureBranches?
    /// For each environment body, its index among the predictor's bodies.
    private let order: [Int]

    /// Loads `run` (a run folder or a checkpoint file) for `environment`; errors name the file and what differs.
    public init(run: URL, environment: Environment) throws {
        predictor = try PositionPredictor.checked(run: run, for: environment)
        let path = run.path
        order = try Self.bodyOrder(predicted: predictor.readout.bodies.map(\.name), environment: environment, path: path)
        branches = try FutureBranches(run: run.pathExtension == "safetensors" ? run.deletingLastPathComponent() : run,
                                      record: predictor.record)
        name = "\(run.deletingPathExtension().lastPathComponent) \(predictor.modelID.name)" + (branches == nil ? "" : " + stochastic")
    }

    /// For each of `environment`'s bodies, its index among the `predicted` body names of the run at `path`.
    static func bodyOrder(predicted names: [String], environment: Environment, path: String) throws -> [Int] {
        try environment.bodies.map { body in
            guard let index = names.firstIndex(of: body.name) else {
                throw ViewerError.invalidOption("--model \(path): the run predicts bodies \(names.joined(separator: ", ")), "
                    + "not \(body.name) of world \(environment.spec.name)")
            }
            return index
        }
    }

    public func predictPositions(from observation: Observation, actions: [[Float]]) -> [[SIMD2<Double>]] {
        predictor.predictPositions(state: observation.state, actions: actions).map { step in order.map { step[$0] } }
    }

    public func sampleBranches(from observation: Observation, actions: [[Float]], count: Int) -> [[[SIMD2<Double>]]] {
        guard branches != nil else { return [] }
        return branches!.positions(state: observation.state, actions: actions, count: count).map { branch in
            branch.map { step in order.map { step[$0] } }
        }
    }
}
#endif
