import Foundation

extension StochasticEvaluation {
    /// Rows of the sampled-futures table: model, then best-of-N and mean-of-N object error at k, all and moved blocks.
    public var errorRows: (header: [String], rows: [[String]]) {
        let counts = StochasticEvaluation.sampleCounts.filter { bestOf[$0] != nil }
        let header = ["model", "blocks"] + counts.flatMap { ["best of \($0) (m)", "mean of \($0) (m)"] }
        let title = "stochastic \(deterministicID.rule == .pc ? "PC" : "backprop") (state)"
        let deterministicTitle = "deterministic \(deterministicID.rule == .pc ? "PC" : "backprop") (state)"
        let metres = Evaluation.metres
        return (header, [
            [title, "all"] + counts.flatMap { [metres(bestOf[$0]!), metres(meanOf[$0]!)] },
            [title, "moved"] + counts.flatMap { [metres(movedBestOf[$0]!), metres(movedMeanOf[$0]!)] },
            [deterministicTitle, "all"] + counts.flatMap { _ in [metres(deterministicError), metres(deterministicError)] },
            [deterministicTitle, "moved"] + counts.flatMap { _ in [metres(deterministicMovedError), metres(deterministicMovedError)] },
        ])
    }

    /// Rows of the realism and diversity table.
    public var realismRows: (header: [String], rows: [[String]]) {
        (["model", "post-hoc critic accuracy", "spread, moved blocks (m)", "spread, resting blocks (m)"], [
            ["stochastic", String(format: "%.1f%%", 100 * realism), Evaluation.metres(movedSpread), Evaluation.metres(restingSpread)],
            ["deterministic", String(format: "%.1f%%", 100 * deterministicRealism), "0", "0"],
        ])
    }

    /// The issue's targets for the stochastic model, each with the measured value and whether it is met.
    public var targetChecks: [(target: String, measured: String, met: Bool)] {
        var checks: [(String, String, Bool)] = []
        if let best = movedBestOf[10] {
            let ratio = best / max(deterministicMovedError, 1e-12)
            checks.append(("best-of-10 moved-block error at k=\(horizon) ≤ ½ of deterministic",
                           String(format: "%.4f m vs %.4f m (×%.3f)", best, deterministicMovedError, ratio), ratio <= 0.5))
        }
        if let mean = meanOf[10] {
            let ratio = mean / max(deterministicError, 1e-12)
            checks.append(("mean-of-10 block error (all) at k=\(horizon) ≤ 1.1 × deterministic",
                           String(format: "%.4f m vs %.4f m (×%.3f)", mean, deterministicError, ratio), ratio <= 1.1))
        }
        checks.append(("post-hoc critic accuracy on stochastic rollouts ≤ 60%",
                       String(format: "%.1f%% (deterministic %.1f%%)", 100 * realism, 100 * deterministicRealism), realism <= 0.6))
        return checks
    }

    /// What the tables count.
    public var note: String {
        "(held-out episodes from their first frame, k = \(horizon); best of N: the sample nearest the truth over the counted blocks, "
            + "per episode; spread: mean distance of a block's samples from their mean; post-hoc critic: a fresh critic trained on "
            + "half the held-out episodes' \(horizon)-step windows, its accuracy on the other half, 50% = indistinguishable)"
    }

    /// The tables as plain text.
    public func textTables() -> String {
        var out = "\nStochastic futures: object position error at k=\(horizon) over N sampled futures\n"
        out += TextTable.format(header: errorRows.header, rows: errorRows.rows, labelColumns: 2)
        out += "\nRealism and diversity\n"
        out += TextTable.format(header: realismRows.header, rows: realismRows.rows)
        out += note + "\n"
        out += "\nStochastic model targets\n"
        out += TextTable.format(header: ["target", "measured", "met"], rows: targetChecks.map { [$0.target, $0.measured, $0.met ? "yes" : "NO"] })
        return out
    }

    /// Adds the stochastic model's section to `report`: the tables, targets and its training losses per epoch.
    public func addSection(to report: inout HTMLReport) {
        report.heading("Stochastic futures (k = \(horizon))")
        report.table(header: errorRows.header, rows: errorRows.rows, labelColumns: 2)
        report.table(header: realismRows.header, rows: realismRows.rows)
        report.paragraph(note)
        report.table(header: ["target", "measured", "met"], rows: targetChecks.map { [$0.target, $0.measured, $0.met ? "yes" : "no"] })
        guard !history.isEmpty else { return }
        let epochs = history.map { Double($0.epoch) }
        var series = [
            LinePlot.Series(name: "critic", points: Array(zip(epochs, history.map(\.criticLoss)))),
            LinePlot.Series(name: "generator (adversarial)", points: Array(zip(epochs, history.map(\.generatorLoss)))),
            LinePlot.Series(name: "reconstruction", points: Array(zip(epochs, history.map(\.reconstructionLoss)))),
        ]
        let kl = history.compactMap(\.klDivergence)
        if kl.count == history.count { series.append(LinePlot.Series(name: "KL (per noise row)", points: Array(zip(epochs, kl)))) }
        report.plot(LinePlot(title: "stochastic training", xLabel: "epoch", yLabel: "loss", series: series, logY: false))
    }
}
