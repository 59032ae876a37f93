#if Viewer
import Control
import Foundation
import Simulation
import TensorCore
import Viewer
import WorldModel

/// Times the viewer's frames on push-tee while the planner drives (`view --policy plan`): each frame's simulation
/// (the policy included) and drawing, 1/60 s of simulated time each, paced at 60 fps as the interactive viewer is
/// (a frame that takes longer starts the next at once).
enum PlannerFrameTiming {
    struct Result: Sendable {
        /// Mean and worst wall-clock time of a frame (ms).
        var meanMilliseconds: Double
        var worstMilliseconds: Double
        /// Plans finished during the frames, and their mean time (ms).
        var plans: Int
        var planMilliseconds: Double
    }

    /// `frames` frames on a `width`×`height` canvas, driven by CEM on `run`'s state model planning in `mode`.
    static func run(run: URL, mode: BackgroundPlanner.Mode, frames: Int, width: Int, height: Int) throws -> Result {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        guard let goal = spec.goal else { throw TaskCostError.noGoal(world: spec.name) }
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let policy = try PlannerPolicy(predictor: PositionPredictor(run: run), goal: TaskGoal(goal), actionSpace: environment.actionSpace,
                                       mode: mode)
        let session = try ViewerSession(spec: spec, policy: policy, seed: 0, model: nil, horizon: Evaluation.defaultHorizon)
        let renderer = try FrameRenderer.bundled()
        var canvas = Canvas(width: width, height: height)
        var total = 0.0, worst = 0.0, plans = 0, planTotal = 0.0
        var seen: PlannedTrajectory?
        for _ in 0..<frames {
            let start = DispatchTime.now().uptimeNanoseconds
            session.advance(realSeconds: 1.0 / 60, steering: .zero)
            var content = FrameContent(scene: session.environment.scene(), trackedSceneIndices: [], forecast: nil, check: nil,
                                       layers: SceneLayers(), targets: [], barLines: [[("bench", false)]], errors: nil,
                                       infoLines: nil, showHelp: false)
            if let plan = policy.planner.latest {
                let poses = plan.predictedStates.map { session.layout.poses(in: $0) }
                content.trackedSceneIndices = session.trackedNames.map { name in content.scene.bodies.firstIndex { $0.name == name }! }
                content.plan = PlanOverlay(poses: poses, lines: [String(format: "plan %.0f ms", plan.milliseconds)])
                if plan != seen {
                    plans += 1
                    planTotal += plan.milliseconds
                    seen = plan
                }
            }
            renderer.draw(content, into: &canvas)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            total += milliseconds
            worst = max(worst, milliseconds)
            let rest = 1000 / 60 - milliseconds
            if rest > 0 { Thread.sleep(forTimeInterval: rest / 1000) }
        }
        policy.planner.waitUntilIdle()
        return Result(meanMilliseconds: total / Double(frames), worstMilliseconds: worst, plans: plans,
                      planMilliseconds: plans == 0 ? 0 : planTotal / Double(plans))
    }
}
#endif
