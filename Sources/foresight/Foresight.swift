import ArgumentParser

/// The `foresight` command: simulate robot worlds, learn world models, and look at them.
@main
struct Foresight: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "foresight",
        abstract: "Self-supervised world models for 2D robot worlds: simulate, train, evaluate, view.",
        subcommands: [Simulate.self, Train.self, Eval.self, Compare.self, Demo.self, Plan.self, View.self, Check.self, Bench.self, Plot.self])

    /// Installs the interrupt cleanup, then parses the arguments and runs the command.
    static func main() {
        InterruptCleanup.install()
        do {
            var command = try parseAsRoot()
            try command.run()
            InterruptCleanup.holdIfInterrupted()
        } catch {
            InterruptCleanup.holdIfInterrupted()
            exit(withError: error)
        }
    }
}
