import Simulation

/// How a planner is judged: which start, which goal, which budget, which success.
public enum PlanningProtocol: String, Sendable, CaseIterable, Codable {
    /// DINO-WM's: the goal is where a policy's rollout from the start is 25 steps later (object pose and
    /// robot position; the scripted policy by default); success when, after a 25-step budget, the object is within 2.5 cm and 20° of its
    /// goal pose and the robot within 2.5 cm of its goal position.
    case reach
    /// Diffusion Policy's: a random start, the world's own goal, up to the world's episode length
    /// (300 steps on push-tee); per episode the largest coverage, success at 0.95.
    case task

    /// Control steps an episode may take in `spec`'s world.
    public func budget(in spec: WorldSpec) -> Int {
        switch self {
        case .reach: PlanningProtocol.reachSteps
        case .task: spec.episode.maxSteps
        }
    }

    /// Steps between a reach episode's start and its goal (DINO-WM: 25).
    public static let reachSteps = 25
    /// Coverage counted as success in the task protocol (Diffusion Policy: 0.95).
    public static let taskSuccessCoverage = 0.95
}
