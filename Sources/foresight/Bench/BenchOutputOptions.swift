import ArgumentParser
import Benchmarks

/// Options every `foresight bench` subcommand shares.
struct BenchOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object per measured row (keys name, value, unit, ...) instead of a table.")
    var json = false

    /// The printer these options ask for.
    var printer: BenchPrinter { BenchPrinter(json: json) }
}
