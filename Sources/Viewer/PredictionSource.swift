#if Viewer
import Simulation

/// A model that predicts where the bodies go: what the prediction overlay draws.
///
/// Body order is the environment's `bodies` order (robot parts, then objects; no walls).
/// A world model conforms by decoding its open-loop rollout into body positions: a state model starts from the
/// observation's state, a pixel model from its camera image (`LatentPredictionSource`).
public protocol PredictionSource: AnyObject {
    /// A short name for the HUD (`constant-velocity`, a run folder's name, ...).
    var name: String { get }

    /// Predicts the body positions after each of the `actions.count` steps from an observation, applying `actions`
    /// open-loop: `result[t][b]` is body `b` after step `t + 1`, in metres.
    func predictPositions(from observation: Observation, actions: [[Float]]) -> [[SIMD2<Double>]]

    /// `count` sampled futures under the same actions, `result[i][t][b]` like `predictPositions`' rows; none for a
    /// deterministic source (the default).
    func sampleBranches(from observation: Observation, actions: [[Float]], count: Int) -> [[[SIMD2<Double>]]]
}

extension PredictionSource {
    public func sampleBranches(from observation: Observation, actions: [[Float]], count: Int) -> [[[SIMD2<Double>]]] { [] }
}
#endif
