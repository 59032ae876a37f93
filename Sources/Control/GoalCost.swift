import Foundation
import Simulation
import TensorCore

/// A planning cost toward a goal pose of one object (and, optionally, a goal position of the robot),
/// read out of predicted state vectors.
///
/// Per sample: `Σ_h w_h · [distance(object_h, goal) + robot · r_h + approach · |robot_h − object_h|]` over the
/// predicted steps h = 1…H, with `w_H = 1` and `running` for the earlier steps (`weights`). `distance` is
/// `PoseDistance` (metres plus weighted radians); r_h is the robot's distance from its goal position, or
/// `robotCeiling` while the object is more than `robotGate` from its goal position. The approach term gives
/// the planner a gradient while the robot is not yet touching the object; the gate keeps the robot's own goal
/// from outbidding the object's.
/// With a `deadline` d (the predicted step at which the episode is judged), every step from min(d, H) on
/// weighs 1: the plan should arrive by the deadline and stay, not arrive at the end of a horizon that reaches
/// past it.
public struct GoalCost: PlanningCost, Sendable {
    /// The goal.
    public let goal: TaskGoal
    /// How object poses are compared.
    public var distance = PoseDistance()
    /// How the terms are weighed.
    public var weights = GoalCostWeights()
    /// The predicted step (1 = the first) at which the outcome is judged, when it comes before the horizon's end.
    public var deadline: Int?
    private let object: BodyStateColumns
    private let robot: BodyStateColumns

    /// A cost toward `goal` for states labelled `labels` (`<body>.<field>`; the robot's fields come first).
    ///
    /// - Throws: `TaskCostError.missingLabel` naming the first entry the cost needs and the state lacks.
    public init(goal: TaskGoal, labels: [String]) throws(TaskCostError) {
        self.goal = goal
        object = try BodyStateColumns(body: goal.object, labels: labels)
        robot = try BodyStateColumns(body: BodyStateColumns.robotName(labels: labels), labels: labels)
    }

    public func evaluate(predictions: [Matrix], actions: [Matrix], into costs: inout [Double]) {
        let horizon = predictions.count - 1
        let judged = min(max(deadline ?? horizon, 1), horizon)
        for i in costs.indices { costs[i] = 0 }
        for h in 1...horizon {
            let weight = h >= judged ? 1 : weights.running
            guard weight > 0 else { continue }
            predictions[h].storage.withUnsafeBufferPointer { states in
                let width = predictions[h].cols
                for i in costs.indices {
                    costs[i] += weight * stepCost(UnsafeBufferPointer(rebasing: states[(i * width)..<((i + 1) * width)]))
                }
            }
        }
    }

    /// How far `state` is from the goal: object position (m) and heading (rad) errors, and the robot's position
    /// error (m) when the goal has a robot position.
    public func errors(_ state: [Float]) -> (position: Double, heading: Double, robot: Double?) {
        state.withUnsafeBufferPointer { state in
            let pose = object.pose(in: state)
            let robotError = goal.robotPosition.map { PoseDistance.positionError(robot.pose(in: state), Pose(position: $0)) }
            return (PoseDistance.positionError(pose, goal.pose), PoseDistance.headingError(pose, goal.pose), robotError)
        }
    }

    /// Whether `state` is within `tolerance` of the goal (object pose, and robot position when the goal has one).
    public func isSuccess(_ state: [Float], tolerance: SuccessTolerance = .planning) -> Bool {
        let (position, heading, robot) = errors(state)
        return position <= tolerance.position && heading <= tolerance.heading && (robot ?? 0) <= tolerance.robotPosition
    }

    /// This cost judged after `steps` more control steps, for predictions one per action held `repeats` steps.
    public func judged(after steps: Int, heldFor repeats: Int) -> GoalCost {
        var judged = self
        judged.deadline = max(1, (steps + repeats - 1) / repeats)
        return judged
    }

    /// The cost of one predicted state.
    func stepCost(_ state: UnsafeBufferPointer<Float>) -> Double {
        let pose = object.pose(in: state), position = pose.position
        var cost = distance(pose, goal.pose)
        let tool = robot.pose(in: state).position
        if let target = goal.robotPosition {
            let offset = tool - target
            let objectOutsideGate = weights.robotGate.map { PoseDistance.positionError(pose, goal.pose) > $0 } ?? false
            cost += weights.robot * (objectOutsideGate ? weights.robotCeiling : (offset * offset).sum().squareRoot())
        }
        if weights.approach > 0 {
            let offset = tool - position
            cost += weights.approach * (offset * offset).sum().squareRoot()
        }
        return cost
    }
}
