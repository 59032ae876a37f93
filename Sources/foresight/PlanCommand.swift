import ArgumentParser
import Control
import Foundation
import Simulation
import TensorCore
import WorldModel

/// `foresight plan`: model-predictive control with a learned world model (or the true simulator), judged by a protocol.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan with a learned world model (MPC with CEM or MPPI) and measure success against an oracle and baselines.",
        discussion: """
            Each --model is `oracle` (the true simulator, restored from snapshots: the upper bound that separates \
            planner error from model error) or a run folder (its PC and backprop state-space models). Protocols: \
            reach (DINO-WM: goal = where a --goal-policy rollout is 25 steps after the start; success within 2.5 cm and \
            20° of the object's goal pose and 2.5 cm of the robot's, after 25 steps) and task (Diffusion Policy: \
            random start, the world's goal, up to the episode length; success at coverage 0.95). The table goes to \
            stdout, progress to stderr, and OUT/plan-report.html holds plots and frame strips.
            """)

    @Argument(help: "A built-in world (push, push-tee, ...) or the path of a world YAML file.")
    var world: String

    @Option(help: "`oracle` or a run folder; repeat to compare several.")
    var model: [String] = ["oracle"]

    @Option(help: "Planner: cem (horizon 5, 300 samples, 30 elites, 30 iterations), planet-cem or mppi.")
    var planner = "cem"

    @Option(name: .customLong("protocol"), help: "reach or task.")
    var protocolName = PlanningProtocol.reach.rawValue

    @Option(help: "Episodes per agent.")
    var episodes = 50

    @Option(help: "Root seed (episode starts and the planners' samples).")
    var seed: UInt64 = 0

    @Option(help: "The object the goal is set on (default: the world goal's object, else the first object).")
    var object: String?

    @Option(help: "The policy whose rollout sets a reach goal: scripted or random.")
    var goalPolicy = "scripted"

    @Option(help: "Actions executed per plan before replanning.")
    var execute = 5

    @Option(help: "Control steps each planned action is held (DINO-WM's frameskip: 5).")
    var actionRepeat = 5

    @Option(help: "Override the planner's samples per iteration.")
    var samples: Int?

    @Option(help: "Override the planner's iterations per plan.")
    var iterations: Int?

    @Option(help: "Weight of the robot's distance from the object in the planning cost (per metre).")
    var approachWeight = GoalCostWeights().approach

    @Option(help: "Object position error (m) beyond which the robot's own goal does not count yet in the planning cost (a gate wider than the table turns it off).")
    var robotGate = GoalCostWeights().robotGate!

    @Flag(inversion: .prefixedNo, help: "Hold planned actions for fewer steps as the episode's end nears (⌈steps left / horizon⌉, at most --action-repeat), so each plan ends where the episode is judged; --no-hold-to-deadline holds every action --action-repeat steps.")
    var holdToDeadline = true

    @Option(help: "How a run's ensemble predicts for the planner: member-costs (each member rolls out; the cost is the mean of theirs) or mean-prediction (the cost of the members' mean).")
    var ensembleCost = LearnedDynamics.EnsembleUse.memberCosts.rawValue

    @Option(help: "Which of a run's state models plan, comma-separated: pc, bp (both by default).")
    var rules = "pc,bp"

    @Flag(inversion: .prefixedNo, help: "Also run the scripted and random policies in the same table.")
    var baselines = true

    @Option(help: "Folder for plan-report.html.")
    var out = "plan-output"

    func run() throws {
        let protocolKind: PlanningProtocol = try OptionChoice.parse(protocolName, option: "--protocol")
        let ensemble: LearnedDynamics.EnsembleUse = try OptionChoice.parse(ensembleCost, option: "--ensemble-cost")
        let chosenRules: Set<ForwardRule> = try OptionChoice.parseList(rules, option: "--rules")
        guard !chosenRules.isEmpty else { throw ValidationError("--rules must name pc, bp or both") }
        guard var config = PlanningSetup.planners[planner] else {
            throw ValidationError("--planner must be one of \(PlanningSetup.planners.keys.sorted().joined(separator: ", ")), got '\(planner)'")
        }
        if let samples { config.samples = samples; config.elites = min(config.elites, max(1, samples / 10)) }
        if let iterations { config.iterations = iterations }
        guard (1...config.horizon).contains(execute) else { throw ValidationError("--execute must be in 1...\(config.horizon)") }
        guard actionRepeat >= 1 else { throw ValidationError("--action-repeat must be at least 1") }
        guard episodes >= 1 else { throw ValidationError("--episodes must be at least 1") }
        guard approachWeight >= 0 else { throw ValidationError("--approach-weight must not be negative") }
        guard robotGate > 0 else { throw ValidationError("--robot-gate must be positive (metres)") }
        let spec = try WorldSpec.named(world)
        let runner = try PlanningEpisodeRunner(spec: spec, protocolKind: protocolKind, object: object,
                                               goalPolicy: try BuiltInPolicies.named(goalPolicy),
                                               costWeights: GoalCostWeights(approach: approachWeight, robotGate: robotGate))
        let agents = try PlanningSetup.agents(models: model, spec: spec, planner: config, plannerName: planner,
                                              executeSteps: execute, actionRepeat: actionRepeat,
                                              holdToDeadline: holdToDeadline, ensemble: ensemble,
                                              rules: ForwardRule.allCases.filter(chosenRules.contains), seed: seed,
                                              baselines: baselines)
        let seeds = (0..<episodes).map { index -> UInt64 in
            var stream = RandomStream(seed: seed).split(index)
            return stream.next()
        }
        var summaries: [PlanningSummary] = []
        for (name, agent) in agents {
            var agent = agent
            var results: [PlanningEpisodeResult] = []
            let bar = ProgressBar(label: "\(protocolKind.rawValue) \(name)", total: episodes, unit: "episodes")
            for (index, episodeSeed) in seeds.enumerated() {
                results.append(try runner.run(seed: episodeSeed, agent: &agent))
                bar.update(completed: index + 1)
            }
            bar.finish(completed: episodes)
            let summary = PlanningSummary(name: name, episodes: results)
            FileHandle.standardError.write(Data(String(format: "  %@: success %.2f\n", name, summary.successRate).utf8))
            summaries.append(summary)
        }
        print("Planning on \(spec.name), \(protocolKind.rawValue) protocol, goal on '\(runner.object)', \(episodes) episodes, "
              + "planner \(planner) (horizon \(config.horizon), \(config.samples) samples, \(config.elites) elites, "
              + "\(config.iterations) iterations, execute \(execute), each action held \(actionRepeat) steps\(holdToDeadline ? ", fewer near the end" : "")), "
              + "cost weights: approach \(approachWeight), robot gate \(robotGate) m, ensembles: \(ensembleCost), one core")
        print(PlanningTable.text(summaries, protocolKind: protocolKind), terminator: "")
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(summaries), to: folder.appendingPathComponent("plan-results.json"))
        let url = folder.appendingPathComponent("plan-report.html")
        let command = (["foresight"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        try PlanningReport(spec: spec, object: runner.object, protocolKind: protocolKind).html(summaries, command: command).write(to: url)
        print("Report: \(url.path) (every episode: \(folder.appendingPathComponent("plan-results.json").path))")
    }
}
