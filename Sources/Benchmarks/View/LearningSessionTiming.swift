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

    /// Runs `frames` frames (1/60 s each, paced at 60 Hz, at `speed`× simulated time) of a scripted `push` session whose overlay
    /// learns online from scratch, the model created after `warmUp` transitions.
    ///
    /// Without `learning`, the same session without a model: what the frame loop spends on the world alone.
    static func run(frames: Int, learning isOn: Bool = true, speed: Double = 8, warmUp: Int = 100, horizon: Int) throws -> Result {
        var settings = OnlineLearnerSettings(rule: .pc)
        settings.warmUp = warmUp
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foresight-bench-online", isDirectory: true)
        let factory: PredictionSourceFactory = { environment in
            let learner = try OnlineLearner(config: WorldModelConfig(), data: DataSignature(environment: environment), settings: settings)
            return try LearningPredictionSource(learner: learner, environment: environment, saveFolder: folder, seed: 1)
        }
        let session = try ViewerSession(spec: WorldSpec.builtIn(named: "push"), policy: ScriptedPolicy(), seed: 1,
                                        model: isOn ? factory : nil, horizon: horizon)
        while session.speed < speed { session.faster() }
        let learning = session.learning
        var total: UInt64 = 0, worst: UInt64 = 0, snapshots = 0, lastVersion = 0
        for _ in 0..<frames {
            let wallStart = DispatchTime.now().uptimeNanoseconds, start = ViewerFrameTiming.threadCPUNanoseconds()
            session.advance(realSeconds: 1 / 60, steering: .zero)
            let spent = ViewerFrameTiming.threadCPUNanoseconds() - start
            total += spent
            worst = max(worst, spent)
            let version = learning?.thread.published.current.version ?? 0
            if version != lastVersion && session.stepsLastAdvance > 0 {
                snapshots += 1
                lastVersion = version
            }
            // Frames come at 60 Hz, as in the viewer, so the learner thread runs beside them as it would there.
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
            if elapsed < 1 / 60 { Thread.sleep(forTimeInterval: 1 / 60 - elapsed) }
        }
        let progress = learning?.thread.progress ?? LearningProgress()
        learning?.thread.stop()
        return Result(meanMilliseconds: Double(total) / 1e6 / Double(frames), worstMilliseconds: Double(worst) / 1e6,
                      transitions: progress.transitions, updates: progress.updates, snapshots: snapshots)
    }
}
#endif
