import ArgumentParser
import Foundation
import TensorCore
import WorldModel

/// `foresight plot`: draw the lines of a comma-separated table as an SVG (the report's `LinePlot`).
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a comma-separated table (header: x, then one column per line; empty cells are gaps) as an SVG line plot.",
        discussion: "scripts/transfer-curve draws the held-out error against target-world episodes with it, scripts/plot-curious-collection the error against collected transitions.")

    @Argument(help: "The table (CSV).")
    var table: String

    @Option(help: "The SVG file to write.")
    var out: String

    @Option(help: "The title.")
    var title: String = ""

    @Option(help: "The y axis label.")
    var yLabel: String = ""

    @Flag(help: "A log10 y axis.")
    var logY = false

    @Flag(help: "A log10 x axis (x values must be positive).")
    var logX = false

    func run() throws {
        let text = try String(contentsOfFile: table, encoding: .utf8)
        let (xLabel, series) = try LinePlot.series(table: text, path: table)
        let plot = LinePlot(title: title, xLabel: xLabel + (logX ? " (log scale)" : ""), yLabel: yLabel, series: series,
                            logY: logY, logX: logX)
        try AtomicFile.write(Data(plot.svg().utf8), to: URL(fileURLWithPath: out))
        print("wrote \(out)")
    }
}
