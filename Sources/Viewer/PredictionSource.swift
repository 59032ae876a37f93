#if Viewer
/// A model that predicts where the bodies go: what the prediction overlay draws.
///
/// Body order is the environment's `bodies` order (robot parts, then objects; no walls).
/// A world model conforms by decoding its open-loop latent rollout into body positions.
public protocol PredictionSource: AnyObject {
    /// A short name for the HUD (`constant-velocity`, a run folder's name, ...).
    var name: String { get }

    /// Predicts the body positions after each of the `actions.count` steps from an observation's state vector,
    /// applying `actions` open-loop: `result[t][b]` is body `b` after step `t + 1`, in metres.
    func predictPositions(state: [Float], actions: [[Float]]) -> [[SIMD2<Double>]]

    /// `count` sampled futures under the same actions, `result[i][t][b]` like `predictPositions`' rows; none for a
    /// deterministic source (the default).
    func sampleBranches(state: [Float], actions: [[Float]], count: Int) -> [[[SIMD2<Double>]]]
}

extension PredictionSource {
    public func sampleBranches(state: [Float], actions: [[Float]], count: Int) -> [[[SIMD2<Double>]]] { [] }
}
#endif
