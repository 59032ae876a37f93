import Control
import Simulation
import TensorCore
import WorldModel

/// `bench plan`: milliseconds per plan and per control step of MPC on a learned state model, with the
/// rollout's GEMM rate against a same-run SGEMM.
///
/// Each repetition times one full plan (fresh plan, same seed) from the world's first state toward its goal,
/// then one square reference SGEMM on the same threads.
public struct PlanBenchmark {
    /// The most planning time one control step may take (ms).
    public static let targetMilliseconds = 50.0

    /// One planner setting to measure.
    public struct Setting {
        public var name: String
        public var config: PlannerConfig
        public var executeSteps: Int
        public var actionRepeat: Int

        public init(name: String, config: PlannerConfig, executeSteps: Int, actionRepeat: Int) {
            self.name = name
            self.config = config
            self.executeSteps = executeSteps
            self.actionRepeat = actionRepeat
        }

        /// Control steps one plan covers before the next.
        public var controlStepsPerPlan: Int { executeSteps * actionRepeat }
    }

    public let spec: WorldSpec, model: ForwardModel, source: String
    public let settings: [Setting], threads: Int, referenceSize: Int, repetitions: Int

    public init(spec: WorldSpec, model: ForwardModel, source: String, settings: [Setting], threads: Int, referenceSize: Int,
                repetitions: Int) {
        self.spec = spec
        self.model = model
        self.source = source
        self.settings = settings
        self.threads = threads
        self.referenceSize = referenceSize
        self.repetitions = repetitions
    }

    /// Measures every setting and prints the table (or JSON Lines) with `printer`.
    public func run(printer: BenchPrinter) throws {
        BLASThreads.set(threads)
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let start = environment.reset(seed: 0).observation.state
        let goal = spec.goal.map(TaskGoal.init) ?? TaskGoal(object: spec.objects[0].name, pose: Pose(position: .zero))
        let cost = try GoalCost(goal: goal, labels: environment.stateLabels)
        printer.note("OpenBLAS core \(BLASThreads.coreName), \(BLASThreads.current) thread(s); world \(spec.name); model \(source): "
                     + "\(model.rule.rawValue), layers \(model.pcConfig.layerSizes), ensemble \(model.ensembleSize)")
        printer.note("load average before: \(loadAverage)")
        var comparison = ReferenceComparison(size: referenceSize, repetitions: repetitions, minimumRepetitionSeconds: 0)
        let flopsPerSampleStep = model.members.reduce(0.0) { $0 + Double($1.forwardFLOPs(rows: model.layout?.bodyCount ?? 1)) }
        var rows: [BenchRow] = []
        for setting in settings {
            printer.progress("\(setting.name) ...")
            var dynamics = ActionRepeat(LearnedDynamics(model: model, stateDimension: start.count,
                                                        actionDimension: environment.actionSpace.low.count),
                                        repeats: setting.actionRepeat)
            var planner = SamplingPlanner(config: setting.config, actionSpace: environment.actionSpace)
            let plan = {
                var candidate = planner.initialPlan()
                var stream = RandomStream(seed: 7)
                planner.improve(&candidate, from: start, model: &dynamics, cost: cost, rng: &stream)
            }
            let c = setting.config
            let modelSteps = c.samples * c.iterations * c.horizon * setting.actionRepeat
            let (seconds, gflops, ratio) = comparison.measure(plan, flops: Double(modelSteps) * flopsPerSampleStep)
            let perStep = seconds * 1e3 / Double(setting.controlStepsPerPlan)
            rows.append(BenchRow(name: "plan.\(setting.name)", value: perStep, digits: 2, unit: "ms per control step", [
                ("ms_per_plan", .number(seconds * 1e3, digits: 1)), ("steps_per_plan", .integer(setting.controlStepsPerPlan)),
                ("model_steps", .integer(modelSteps)), ("gemm_gflops", .number(gflops, digits: 1)),
                ("ratio", .number(ratio, digits: 2)), ("target", .text(perStep <= Self.targetMilliseconds ? "ok" : "MISS")),
            ]))
        }
        rows.insert(comparison.row, at: 0)
        printer.emit(rows, columns: [
            BenchColumn(key: "name", title: "name"), BenchColumn(key: "value", title: "ms per control step"),
            BenchColumn(key: "ms_per_plan", title: "ms per plan"), BenchColumn(key: "steps_per_plan", title: "steps per plan"),
            BenchColumn(key: "model_steps", title: "model steps per plan"), BenchColumn(key: "gemm_gflops", title: "GEMM GFLOP/s"),
            BenchColumn(key: "ratio", title: "of SGEMM"), BenchColumn(key: "target", title: "≤ \(Int(Self.targetMilliseconds)) ms"),
        ])
        printer.note("load average after: \(loadAverage)")
    }
}
