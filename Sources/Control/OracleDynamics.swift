import Simulation
import TensorCore

/// The true simulator as a batched dynamics model: every sample restores the same environment
/// snapshot and steps its actions; states are the environment's flat state vectors.
///
/// The upper bound for planning: with it, only the planner can be at fault. Set `start` to a snapshot
/// of the environment being controlled before each plan; `rollout` checks that every start row is
/// that snapshot's state. Samples run one after another in one environment (a restored episode steps
/// bit-identically, so this equals N environments stepping side by side).
public final class OracleDynamics: BatchedDynamics {
    /// The simulated world.
    public let spec: WorldSpec
    public let stateDimension: Int
    public let actionDimension: Int
    /// The snapshot every rollout starts from.
    public private(set) var start: EnvironmentSnapshot
    /// The state vector of `start`.
    public private(set) var startState: [Float]
    private let environment: Environment

    /// An oracle for `spec`, starting from its episode of seed 0 until `setStart` is called.
    public init(spec: WorldSpec) throws {
        self.spec = spec
        environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        stateDimension = environment.stateLabels.count
        actionDimension = environment.actionSpace.low.count
        start = environment.snapshot()
        startState = try environment.restore(start).state
    }

    /// Makes `snapshot` the start of the next rollouts.
    ///
    /// - Throws: `EnvironmentError.snapshotWorld` when it was taken in another world.
    public func setStart(_ snapshot: EnvironmentSnapshot) throws {
        startState = try environment.restore(snapshot).state
        start = snapshot
    }

    public func rollout(from starts: Matrix, actions: [Matrix], into predictions: inout [Matrix]) {
        precondition(starts.cols == stateDimension && predictions.count == actions.count + 1,
                     "rollout buffers do not match the oracle's state size or the horizon")
        var action = [Float](repeating: 0, count: actionDimension)
        for i in 0..<starts.rows {
            precondition(starts.row(i) == startState, "start row \(i) is not the state of the oracle's snapshot")
            _ = try? environment.restore(start)
            write(startState, row: i, of: &predictions[0])
            for t in actions.indices {
                for j in 0..<actionDimension { action[j] = actions[t][i, j] }
                write(environment.step(action).observation.state, row: i, of: &predictions[t + 1])
            }
        }
    }

    private func write(_ state: [Float], row: Int, of matrix: inout Matrix) {
        for j in 0..<stateDimension { matrix[row, j] = state[j] }
    }
}
