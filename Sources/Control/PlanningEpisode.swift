import Simulation
import TensorCore

/// What happened in one planning episode.
public struct PlanningEpisodeResult: Sendable, Codable {
    /// The episode's seed (start pose and hidden draws).
    public var seed: UInt64
    /// Whether the protocol counts the episode as a success.
    public var success: Bool
    /// The goal object's position (m) and heading (rad) errors at the start: how far the goal was.
    public var startPositionError: Double
    public var startHeadingError: Double
    /// The goal object's position (m) and heading (rad) errors, and the robot's position error (m, reach only), at the end.
    public var positionError: Double
    public var headingError: Double
    public var robotError: Double?
    /// The goal coverage after every step (worlds with a goal region), and its maximum.
    public var coverage: [Double]
    public var maxCoverage: Double?
    /// Control steps taken.
    public var steps: Int
    /// Milliseconds of every plan (empty for policies).
    public var planMilliseconds: [Double]
    /// The goal pose of the object, the goal position of the robot (reach only), and the object and robot positions
    /// after every step (for plots and frames).
    public var goal: Pose
    public var robotGoal: SIMD2<Double>?
    public var objectPath: [Pose]
    public var robotPath: [SIMD2<Double>]
}

/// Runs planning episodes of one protocol in one world.
public struct PlanningEpisodeRunner {
    /// The world.
    public let spec: WorldSpec
    /// The protocol.
    public let protocolKind: PlanningProtocol
    /// The object the goal is set on.
    public let object: String
    /// The policy whose rollout sets a reach episode's goal.
    public let goalPolicy: any Policy
    /// Cost weights the planner uses (the goal is filled in per episode).
    public var costWeights: GoalCostWeights
    private let environment: Environment
    /// Where the robot sits in the environment's state vectors.
    private let robot: BodyStateColumns

    /// A runner in `spec`'s world; the goal is on `object` (default: the world goal's object, else the first object).
    public init(spec: WorldSpec, protocolKind: PlanningProtocol, object: String? = nil, goalPolicy: any Policy = ScriptedPolicy(),
                costWeights: GoalCostWeights = GoalCostWeights()) throws {
        guard let name = object ?? spec.goal?.object ?? spec.objects.first?.name else {
            throw TaskCostError.noGoal(world: spec.name)
        }
        guard spec.objects.contains(where: { $0.name == name }) else {
            throw TaskCostError.unknownObject(name, world: spec.name, objects: spec.objects.map(\.name))
        }
        if protocolKind == .task, spec.goal == nil { throw TaskCostError.noGoal(world: spec.name) }
        self.spec = spec
        self.protocolKind = protocolKind
        self.object = name
        self.goalPolicy = goalPolicy
        self.costWeights = costWeights
        environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        robot = try BodyStateColumns(body: BodyStateColumns.robotName(labels: environment.stateLabels), labels: environment.stateLabels)
    }

    /// Runs episode `seed` with `agent`.
    public func run(seed: UInt64, agent: inout PlanningAgent) throws -> PlanningEpisodeResult {
        var observation = environment.reset(seed: seed).observation
        let goal: TaskGoal
        switch protocolKind {
        case .reach:
            goal = reachGoal(from: observation, seed: seed)
            observation = environment.reset(seed: seed).observation
        case .task:
            goal = TaskGoal(spec.goal!)
        }
        var cost = try GoalCost(goal: goal, labels: environment.stateLabels)
        cost.weights = costWeights
        agent.reset(for: environment, rng: RandomStream(seed: seed).split(1))
        let budget = protocolKind.budget(in: spec)
        let objectIndex = spec.objects.firstIndex { $0.name == object }!
        let start = cost.errors(observation.state)
        var result = PlanningEpisodeResult(seed: seed, success: false, startPositionError: start.position,
                                           startHeadingError: start.heading, positionError: 0, headingError: 0, robotError: nil,
                                           coverage: [], maxCoverage: nil, steps: 0, planMilliseconds: [], goal: goal.pose,
                                           robotGoal: goal.robotPosition,
                                           objectPath: [environment.objectPoses[objectIndex]], robotPath: [environment.toolPosition])
        var finished = false
        while result.steps < budget && !finished {
            let (actions, milliseconds) = try agent.act(observation, in: environment, cost: cost, remainingSteps: budget - result.steps)
            if let milliseconds { result.planMilliseconds.append(milliseconds) }
            for action in actions where result.steps < budget && !finished {
                let step = environment.step(action)
                observation = step.observation
                result.steps += 1
                result.objectPath.append(environment.objectPoses[objectIndex])
                result.robotPath.append(environment.toolPosition)
                if let coverage = step.info.coverage { result.coverage.append(coverage) }
                finished = protocolKind == .task && (step.terminated || step.truncated)
            }
        }
        let errors = cost.errors(observation.state)
        (result.positionError, result.headingError, result.robotError) = errors
        result.maxCoverage = result.coverage.max()
        switch protocolKind {
        case .reach: result.success = cost.isSuccess(observation.state)
        case .task: result.success = (result.maxCoverage ?? 0) >= PlanningProtocol.taskSuccessCoverage
        }
        return result
    }

    /// The reach goal of episode `seed`: where `goalPolicy`'s rollout from its start (`observation`, just reset) leaves
    /// the object and the robot `PlanningProtocol.reachSteps` steps later.
    private func reachGoal(from start: Observation, seed: UInt64) -> TaskGoal {
        var observation = start
        var policy = goalPolicy
        policy.reset(for: environment, rng: RandomStream(seed: seed).split(0))
        for _ in 0..<PlanningProtocol.reachSteps {
            observation = environment.step(policy.action(for: observation, in: environment)).observation
        }
        let index = spec.objects.firstIndex { $0.name == object }!
        let robotPosition = observation.state.withUnsafeBufferPointer { robot.pose(in: $0).position }
        return TaskGoal(object: object, pose: environment.objectPoses[index], robotPosition: robotPosition)
    }
}
