import ArgumentParser
import Foundation
import Simulation
import TensorCore

/// `foresight bench sim`: single-core environment steps per second as ratios to bare `cpSpaceStep`
/// on the same scene, and the robot–object contact fraction of each data-collection policy.
struct BenchSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Environment steps/s on one core as a ratio to bare physics stepping, and policy contact fractions.",
        discussion: """
            The limit is a bare loop that only calls cpSpaceStep (substeps per control step) on the \
            same freshly reset scene, where nothing moves. The "hold" rows step the environment \
            with the neutral action (the robot holds still), so Chipmunk does the same work as in \
            the bare loop and the ratio measures the environment's own cost (control, speed caps, \
            contacts, observations, rendering); the targets apply to them: at least 80% of bare \
            with state, at least 50% with pixels. The "random" rows run the random policy's \
            actions (drawn beforehand): pushing makes cpSpaceStep itself slower (contacts), so \
            their ratios also show the physics content. All loops reset every max_steps control \
            steps. Each repetition times the environment loops and then the bare loop, and every \
            ratio is the median over repetitions, so other processes slowing the machine affect \
            both sides alike. Contact fractions: the share of control steps in which the robot \
            touched an object, per world and policy.
            """)

    @Option(help: "World to time (built-in name or a .yaml file).")
    var world = "push"

    @Option(help: "Side of the rendered square image.")
    var pixelSize = 64

    @Option(help: "Timed repetitions (the median is reported).")
    var repetitions = 5

    @Option(help: "Control steps per world and policy for the contact fractions (0 skips them).")
    var contactSteps = 2000

    @OptionGroup var output: BenchOutputOptions

    /// Ratio targets of the state-only and the pixel runs.
    static let stateTarget = 0.80
    static let pixelTarget = 0.50

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        guard (4...2048).contains(pixelSize) else { throw ValidationError("--pixel-size must be in 4...2048, got \(pixelSize)") }
        guard contactSteps >= 0 else { throw ValidationError("--contact-steps must be non-negative") }
    }

    func run() throws {
        let printer = BenchPrinter(json: output.json)
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

/// An environment stepped one control step per call, reset every episode, with the neutral action
/// (`hold`) or pre-drawn random-policy actions.
private final class SteppingLoop {
    let environment: Environment
    let actions: [[Float]]
    let episodeSteps: Int
    let hold: Bool
    var index = 0
    var episode: UInt64 = 0

    init(spec: WorldSpec, kinds: Set<ObservationKind>, pixelSize: Int, hold: Bool) throws {
        self.hold = hold
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: kinds, pixelSize: pixelSize))
        let observation = environment.reset(seed: 0).observation
        var policy = RandomPolicy()
        policy.reset(for: environment, rng: RandomStream(seed: 7))
        actions = (0..<spec.episode.maxSteps).map { _ in policy.action(for: observation, in: environment) }
        self.environment = environment
        episodeSteps = spec.episode.maxSteps
    }

    /// One control step (a reset first when the episode is over).
    func step() {
        if index == episodeSteps {
            index = 0
            episode += 1
            environment.reset(seed: episode)
        }
        _ = environment.step(hold ? environment.neutralAction : actions[index])
        index += 1
    }

    /// A reset and one episode of bare physics steps: the limit.
    func bareEpisode() {
        episode += 1
        environment.reset(seed: episode)
        environment.stepPhysicsOnly(controlSteps: episodeSteps)
    }
}
