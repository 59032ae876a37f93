import ArgumentParser
import Benchmarks

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

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        guard (4...2048).contains(pixelSize) else { throw ValidationError("--pixel-size must be in 4...2048, got \(pixelSize)") }
        guard contactSteps >= 0 else { throw ValidationError("--contact-steps must be non-negative") }
    }

    func run() throws {
        try SimBenchmark(world: world, pixelSize: pixelSize, repetitions: repetitions, contactSteps: contactSteps)
            .run(printer: output.printer)
    }
}
