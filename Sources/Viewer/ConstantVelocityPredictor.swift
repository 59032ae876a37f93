#if Viewer
import Simulation
import WorldModel

/// The constant-velocity baseline: every body keeps the velocity it has in the state; actions are ignored.
///
/// A legitimate floor that a learned world model has to beat, and a predictor the viewer can always show.
public final class ConstantVelocityPredictor: PredictionSource {
    public let name = "constant-velocity"
    private let layout: StateReadout
    private let timeStep: Double

    /// Builds the predictor for states laid out as `layout`, stepping `controlTimeStep` seconds per action.
    public init(layout: StateReadout, controlTimeStep: Double) {
        self.layout = layout
        timeStep = controlTimeStep
    }

    public func predictPositions(from observation: Observation, actions: [[Float]]) -> [[SIMD2<Double>]] {
        let state = observation.state
        return actions.indices.map { step in
            let elapsed = Double(step + 1) * timeStep
            return layout.bodies.map { body in
                let vx = body.vx.map { Double(state[$0]) } ?? 0, vy = body.vy.map { Double(state[$0]) } ?? 0
                return SIMD2(Double(state[body.x]) + vx * elapsed, Double(state[body.y]) + vy * elapsed)
            }
        }
    }
}
#endif
