#if Viewer
import Simulation
/// The planner's plan as the viewer shows it: ghosts of where it leads and a panel of its numbers.
public struct PlanOverlay {
    /// `poses[t][b]`: tracked body `b` after planned action `t`, as the model predicts.
    public var poses: [[BodyPose]]
    /// The panel's lines (time and cost of the plan, the goal and how to move it).
    public var lines: [String]

    public init(poses: [[BodyPose]], lines: [String]) {
        self.poses = poses
        self.lines = lines
    }
}

extension SceneRenderer {
    /// Draws the planner's plan under the real bodies: every tracked body's outline after each planned action, in the
    /// plot colour (apart from the prediction overlay), fainter further into the future. `bodies[b]` is tracked body `b`'s scene body.
    public func drawPlan(_ plan: [[BodyPose]], bodies: [SceneBody], camera: Camera, into canvas: inout Canvas) {
        for (t, poses) in plan.enumerated().reversed() {
            let nearness = 1 - Double(t) / Double(plan.count)
            for (b, pose) in poses.enumerated() {
                drawShapes(bodies[b].shapes, at: pose, camera: camera, fill: nil, outline: palette.plotLine, opacity: 0.3 + 0.6 * nearness,
                           into: &canvas)
            }
        }
    }
}
#endif
