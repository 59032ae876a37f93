#if Viewer
/// The constant-velocity baseline: every body keeps the velocity it has in the state; actions are ignored.
///
/// A legitimate floor that a learned world model has to beat, and a predictor the viewer can always show.
public final class ConstantVelocityPredictor: PredictionSource {
    public let name = "constant-velocity"
    private let layout: StateLayout
    private let timeStep: Double

    /// Builds the predictor for states laid out as `layout`, stepping `controlTimeStep` seconds per action.
    public init(layout: StateLayout, controlTimeStep: Double) {
        self.layout = layout
        timeStep = controlTimeStep
    }

    public func predictPositions(state: [Float], actions: [[Float]]) -> [[SIMD2<Double>]] {
        actions.indices.map { step in
            let elapsed = Double(step + 1) * timeStep
            return layout.entries.map { e in
                SIMD2(Double(state[e.x]) + Double(state[e.vx]) * elapsed, Double(state[e.y]) + Double(state[e.vy]) * elapsed)
            }
        }
    }
}
#endif
