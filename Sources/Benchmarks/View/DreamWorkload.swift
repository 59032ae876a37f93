#if Viewer
import Simulation
import TensorCore
import Viewer
import WorldModel

/// The model work dream mode adds to a viewer frame on push-tee, with a fresh state model of the default architecture:
/// one dreamed step, and the prediction overlay's two `horizon`-step rollouts (the forecast and the check).
///
/// Timed as if a control step fell in every frame, the most a 60 Hz frame of a 10 Hz world ever carries.
final class DreamWorkload {
    private var dream: DreamSession
    private var overlay: Rollout<ForwardModel>
    private let observation: Observation, action: [Float]
    private let start: Matrix, actions: Matrix
    private var states = Matrix(rows: 0, cols: 0)

    init(horizon: Int) throws {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        var config = WorldModelConfig()
        config.input = .state
        let (model, _, _) = try RolloutWorkload.freshModel(spec: spec, config: config, rule: .pc)
        let observation = environment.reset(seed: 1).observation, state = observation.state
        let action = environment.actionToward(SIMD2(0.05, 0.05))
        dream = try DreamSession(model: model, name: "fresh state.pc", environment: environment, state: state)
        overlay = Rollout(model: model)
        start = Matrix(rows: 1, cols: state.count, elements: state)
        actions = Matrix(rows: horizon, cols: action.count, elements: Array(repeating: action, count: horizon).flatMap { $0 })
        self.observation = observation
        self.action = action
    }

    /// One frame's model work; re-syncs every 100 steps so that the dream stays on the table.
    func step() {
        if dream.stepsSinceSync == 100 { dream.sync(to: observation) }
        dream.advance(action: action, reality: observation)
        for _ in 0..<2 { overlay.run(starts: start, actions: actions, into: &states) }
    }
}
#endif
