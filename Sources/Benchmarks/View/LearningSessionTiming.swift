#if Viewer
import Foundation
import Simulation
import Viewer
import WorldModel

/// Times what learning online adds to the viewer's frame loop: the session's steps with every transition
/// pushed to the learner, the switch to new weight snapshots and the overlay's predictions from them,
/// while the learner thread trains beside it.
enum LearningSessionTiming {
    struct Result: Sendable {
        /// Mean and worst CPU time of the frame loop's thread per frame for the session's work (ms).
        var meanMilliseconds: Double
        var worstMilliseconds: Double
        /// Transitions pushed and update batches the learner took meanwhile.
        var transitions: Int
        var updates: Int
        /// Weight snapshots the overlay switched to.
        var snapshots: Int
    }

    /// Runs `frames` frames (1/60 s each, at `speed`× simulated time) of a scripted `push` session whose overlay
    /// learns online from scratch, the model created after `warmUp` transitions.
    static func run(frames: Int, speed: Double = 4, warmUp: Int = 100, horizon: Int) throws -> Result {
        var settings = OnlineLearnerSettings(rule: .pc)
        settings.warmUp = warmUp
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foresight-bench-online", isDirectory: true)
        let session = try ViewerSession(spec: WorldSpec.builtIn(named: "push"), policy: ScriptedPolicy(), seed: 1, model: { environment in
            let learner = try OnlineLearner(config: WorldModelConfig(), data: DataSignature(environment: environment), settings: settings)
            return try LearningPredictionSource(learner: learner, environment: environment, saveFolder: folder, seed: 1)
        }, horizon: horizon)
        while session.speed < speed { session.faster() }
        let learning = session.learning!
        var total: UInt64 = 0, worst: UInt64 = 0, snapshots = 0, lastVersion = 0
        for _ in 0..<frames {
            let start = ViewerFrameTiming.threadCPUNanoseconds()
            session.advance(realSeconds: 1 / 60, steering: .zero)
            let spent = ViewerFrameTiming.threadCPUNanoseconds() - start
            total += spent
            worst = max(worst, spent)
            let version = learning.thread.published.current.version
            if version != lastVersion && session.stepsLastAdvance > 0 {
                snapshots += 1
                lastVersion = version
            }
        }
        let progress = learning.thread.progress
        learning.thread.stop()
        return Result(meanMilliseconds: Double(total) / 1e6 / Double(frames), worstMilliseconds: Double(worst) / 1e6,
                      transitions: progress.transitions, updates: progress.updates, snapshots: snapshots)
    }
}
#endif
