import Foundation
import Simulation
import TensorCore

/// `bench sim`: single-core environment steps per second as ratios to bare `cpSpaceStep` on the
/// same scene, and the robot–object contact fraction of each data-collection policy.
public struct SimBenchmark {
    /// World to time (built-in name or a .yaml file).
    public var world: String
    /// Side of the rendered square image.
    public var pixelSize: Int
    /// Timed repetitions (the median is reported).
    public var repetitions: Int
    /// Control steps per world and policy for the contact fractions (0 skips them).
    public var contactSteps: Int

    /// Ratio targets of the state-only and the pixel runs.
    public static let stateTarget = 0.80
    public static let pixelTarget = 0.50

    /// A benchmark of `world` and of every built-in world's contact fractions.
    public init(world: String, pixelSize: Int, repetitions: Int, contactSteps: Int) {
        self.world = world
        self.pixelSize = pixelSize
        self.repetitions = repetitions
        self.contactSteps = contactSteps
    }

    /// Measures and prints the rows.
    public func run(printer: BenchPrinter) throws {
        BLASThreads.set(1)
        let spec = try WorldSpec.named(world)
        printer.note("world \(spec.name): \(spec.objects.count) objects, \(spec.physics.substeps) physics steps of "
            + "\(spec.physics.timeStep) s per control step; one core")
        printer.progress("timing \(spec.name) ...")
        var rows = try throughputRows(spec: spec)
        if contactSteps > 0 {
            for name in WorldSpec.builtInNames {
                let worldSpec = try WorldSpec.builtIn(named: name)
                for policy in BuiltInPolicies.all {
                    printer.progress("contact fraction: \(name), \(policy.name) policy ...")
                    let fraction = try Self.contactFraction(spec: worldSpec, policy: policy, steps: contactSteps)
                    rows.append(BenchRow(name: "contact.\(name).\(policy.name)", value: fraction, unit: "fraction",
                                         [("steps", .integer(contactSteps))]))
                }
            }
        }
        printer.emit(rows, columns: [
            BenchColumn(key: "name", title: "name"), BenchColumn(key: "value", title: "value"),
            BenchColumn(key: "unit", title: "unit"), BenchColumn(key: "ratio", title: "ratio to bare"),
            BenchColumn(key: "target", title: "target"),
        ])
    }

    /// Bare, state and pixel throughput rows.
    private func throughputRows(spec: WorldSpec) throws -> [BenchRow] {
        let bare = try SteppingLoop(spec: spec, kinds: [.state], pixelSize: pixelSize, hold: true)
        let runs: [(name: String, loop: SteppingLoop, target: Double?)] = try [
            ("state.hold", SteppingLoop(spec: spec, kinds: [.state], pixelSize: pixelSize, hold: true), Self.stateTarget),
            ("state+pixels\(pixelSize).hold", SteppingLoop(spec: spec, kinds: [.state, .pixels], pixelSize: pixelSize, hold: true),
             Self.pixelTarget),
            ("state.random", SteppingLoop(spec: spec, kinds: [.state], pixelSize: pixelSize, hold: false), nil),
            ("state+pixels\(pixelSize).random", SteppingLoop(spec: spec, kinds: [.state, .pixels], pixelSize: pixelSize, hold: false),
             nil),
        ]
        let minimumSeconds = 0.05
        let bareEpisodes = max(1, Int((minimumSeconds / Stopwatch.seconds(1, bare.bareEpisode)).rounded(.up)))
        let bareSteps = Double(bareEpisodes * spec.episode.maxSteps)
        let samples = Stopwatch(repetitions: repetitions, minimumRepetitionSeconds: minimumSeconds).interleavedSeconds(
            runs.map { $0.loop.step }, reference: { for _ in 0..<bareEpisodes { bare.bareEpisode() } })
        let bareRates = samples.map { bareSteps / $0.reference }
        let common: [(String, BenchValue)] = [("world", .text(spec.name)), ("threads", .integer(1))]
        var rows = [BenchRow(name: "\(spec.name).bare_cpSpaceStep", value: median(bareRates), digits: 0, unit: "steps/s",
                             [("ratio", .number(1, digits: 2))] + common)]
        for (index, run) in runs.enumerated() {
            let rates = samples.map { 1 / $0.bodies[index] }
            let ratio = median(zip(rates, bareRates).map { $0 / $1 })
            var extra: [(String, BenchValue)] = [("ratio", .number(ratio, digits: 2))]
            if let target = run.target {
                extra.append(("target", .text("\(ratio >= target ? "ok" : "MISS") (≥ \(Int(target * 100))%)")))
            }
            rows.append(BenchRow(name: "\(spec.name).env_\(run.name)", value: median(rates), digits: 0, unit: "steps/s",
                                 extra + common))
        }
        return rows
    }

    /// The share of `steps` control steps in which the robot touched an object (episodes of max_steps).
    static func contactFraction(spec: WorldSpec, policy: any Policy, steps: Int) throws -> Double {
        let env = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let root = RandomStream(seed: 2026)
        var contacts = 0
        var episode = 0
        var observation = env.reset(seed: root.split(episode).seed).observation
        var agent = policy
        agent.reset(for: env, rng: root.split(1_000_000 + episode))
        for _ in 0..<steps {
            if env.stepCount == spec.episode.maxSteps {
                episode += 1
                observation = env.reset(seed: root.split(episode).seed).observation
                agent.reset(for: env, rng: root.split(1_000_000 + episode))
            }
            let result = env.step(agent.action(for: observation, in: env))
            if result.info.contact { contacts += 1 }
            observation = result.observation
        }
        return Double(contacts) / Double(steps)
    }
}
