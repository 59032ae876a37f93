#if Viewer
import Foundation
import Simulation
import WorldModel

extension PositionPredictor {
    /// Loads `run`'s state model for the viewer of `environment`; an error names the `--model` run and what does not fit.
    static func checked(run: URL, for environment: Environment) throws -> PositionPredictor {
        let predictor = try PositionPredictor(run: run)
        do {
            try predictor.record.checkCompatible(with: DataSignature(environment: environment), at: "world \(environment.spec.name)",
                                                 for: .statePrediction)
        } catch let error as RunError {
            throw ViewerError.invalidOption("--model \(run.path): \(error)")
        }
        return predictor
    }
}
#endif
