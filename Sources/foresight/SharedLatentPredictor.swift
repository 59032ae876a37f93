#if Viewer
import Foundation
import Simulation
import Viewer
import WorldModel

/// Which of a run's models the viewer's ghosts and dream pane use (`view --ghosts`, resolved against the run).
enum ChosenGhosts {
    /// The run's state-space model.
    case state(URL)
    /// A pixel run's latent model, read through its position probe.
    case latent(SharedLatentPredictor)
}

/// A pixel run's latent predictor, fitted once (its position probe takes seconds to fit) for both the viewer's overlay and
/// its dream pane, each of which gets its own copy.
final class SharedLatentPredictor {
    /// The run folder or checkpoint.
    let run: URL
    private var fitted: LatentPositionPredictor?

    init(run: URL) { self.run = run }

    /// The run's predictor for `environment`, fitted on first use (progress on stderr); errors name the run.
    func predictor(for environment: Environment) throws -> LatentPositionPredictor {
        if let fitted { return fitted }
        let predictor = try LatentPredictionSource.fittedPredictor(run: run, environment: environment) { step in
            FileHandle.standardError.write(Data("foresight view: \(step)\n".utf8))
        }
        fitted = predictor
        return predictor
    }
}
#endif
