#if Viewer
import Control
import Foundation
import Simulation

extension ViewerApp {
    /// How far one wheel notch or one `,` `.` press turns the planner's goal (rad).
    static let goalRotationStep = Double.pi / 12

    /// Puts the planner's goal into the frame: the goal drawn where the planner aims, and its plan's ghosts.
    func showPlan(in content: inout FrameContent) {
        guard let planner else { return }
        let goal = planner.goal
        content.scene.goal?.position = goal.pose.position
        content.scene.goal?.angle = goal.pose.angle
        let aim = String(format: "goal %@ at (%.2f, %.2f) m, %.0f deg: right-drag, wheel", goal.object, goal.pose.position.x,
                         goal.pose.position.y, goal.pose.angle * 180 / .pi)
        guard let plan = planner.latest, content.trackedSceneIndices.count == session.trackedNames.count else {
            content.plan = PlanOverlay(poses: [], lines: ["planning...", aim])
            return
        }
        let numbers = String(format: "plan %.0f ms, cost %.3f, from step %d%@", plan.milliseconds, plan.cost, plan.step,
                             planner.isBusy ? ", replanning" : "")
        content.plan = PlanOverlay(poses: plan.predictedStates.map { session.layout.poses(in: $0) }, lines: [numbers, aim])
    }

    /// Moves the planner's goal (its object's goal position) to `point`, kept on the table.
    func moveGoal(to point: SIMD2<Double>) {
        guard let planner else { return }
        let half = session.environment.spec.table.size / 2
        var goal = planner.goal
        goal.pose.position = point.clamped(lowerBound: -half, upperBound: half)
        try? planner.setGoal(goal)
    }

    /// Turns the planner's goal by `radians` (counter-clockwise).
    func rotateGoal(by radians: Double) {
        guard let planner else { return }
        var goal = planner.goal
        goal.pose.angle = remainder(goal.pose.angle + radians, 2 * .pi)
        try? planner.setGoal(goal)
    }
}
#endif
