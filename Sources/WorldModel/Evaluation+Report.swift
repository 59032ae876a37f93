import Foundation
import Simulation

extension Evaluation {
    /// Rows of the ranking table: model, protocol, then `H@1` and `MRR` per reported horizon, every protocol of every model.
    public var rankingRows: (header: [String], rows: [[String]]) { Evaluation.rankingTable(ranking, horizons: horizons) }

    /// Rows of the ranking table of the state models, every frame represented by its bodies' positions.
    public var positionRankingRows: (header: [String], rows: [[String]]) {
        Evaluation.rankingTable(positionRanking, horizons: horizons)
    }

    /// A ranking table of `scores`: model, protocol, then `H@1` and `MRR` per horizon in `horizons`.
    static func rankingTable(_ scores: [RankingProtocol: [EvaluatedModel: [RankingScores]]],
                             horizons: [Int]) -> (header: [String], rows: [[String]]) {
        let header = ["model", "ranked"] + horizons.flatMap { ["H@1 k=\($0)", "MRR k=\($0)"] }
        let rows = EvaluatedModel.all.flatMap { key in
            RankingProtocol.all.compactMap { method -> [String]? in
                guard let byHorizon = scores[method]?[key] else { return nil }
                return [key.title, method.description] + horizons.flatMap { k in
                    [String(format: "%.1f%%", 100 * byHorizon[k - 1].hits(at: 1)),
                     String(format: "%.3f", byHorizon[k - 1].meanReciprocalRank)]
                }
            }
        }
        return (header, rows)
    }

    /// What the ranking table ranks against: the candidate count of each protocol.
    public var rankingNote: String {
        let count = { (method: RankingProtocol) in rankingCandidates[method].map(String.init) ?? "?" }
        let perPrediction = RankingProtocol(candidates: .everyFrame, direction: .targetsPerPrediction)
        let perTarget = RankingProtocol(candidates: .everyFrame, direction: .predictionsPerTarget)
        let cswm = RankingProtocol(candidates: .sameStep, direction: .targetsPerPrediction)
        return "(every frame: the true target among all \(count(perPrediction)) held-out frames, or the prediction among all "
            + "\(count(perTarget)) k-step predictions, ties against the match; C-SWM: among the \(count(cswm)) episodes' step-k "
            + "frames or predictions, ties in its favour)"
    }

    /// Rows of the position-error table (metres): model, then object and robot error per horizon.
    public var errorRows: (header: [String], rows: [[String]]) {
        let header = ["model"] + horizons.map { "objects k=\($0) (m)" } + horizons.map { "robot k=\($0) (m)" }
        let rows = EvaluatedModel.all.compactMap { key -> [String]? in
            guard let objects = objectError[key], let robot = robotError[key] else { return nil }
            return [key.title + (key.readsPositionsThroughProbe ? " via probe" : "")] + horizons.map { String(format: "%.4f", objects[$0 - 1]) }
                + horizons.map { String(format: "%.4f", robot[$0 - 1]) }
        }
        return (header, rows)
    }

    /// Rows of the moved-objects error table (metres): model, then the error of objects that moved per horizon.
    public var movedErrorRows: (header: [String], rows: [[String]]) {
        let header = ["model"] + horizons.map { "moved objects k=\($0) (m)" }
        let rows = EvaluatedModel.all.compactMap { key -> [String]? in
            guard let moved = movedObjectError[key] else { return nil }
            return [key.title + (key.readsPositionsThroughProbe ? " via probe" : "")] + horizons.map { Evaluation.metres(moved[$0 - 1]) }
        }
        return (header, rows)
    }

    /// What the moved-objects table counts, with the share of moved objects per horizon.
    public var movedNote: String {
        String(format: "(objects whose true position changed by more than %.0f cm over the k steps: ", 100 * Evaluation.movedThreshold)
            + horizons.map { String(format: "%.1f%% at k=%d", 100 * movedObjectShare[$0 - 1], $0) }.joined(separator: ", ") + ")"
    }

    /// A position error in metres, or "n/a" when nothing was counted.
    static func metres(_ value: Double) -> String { value.isNaN ? "n/a" : String(format: "%.4f", value) }

    /// The quality targets, each with the measured value and whether it is met.
    public var targetChecks: [(target: String, measured: String, met: Bool)] {
        var checks: [(String, String, Bool)] = []
        let last = maxHorizon
        if let t = ranking[.headline]?[.transition] {
            let h1 = t[0].hits(at: 1), hk = t[last - 1].hits(at: 1)
            checks.append(("contrastive H@1 at 1 step ≥ 95% (every frame)", String(format: "%.1f%%", 100 * h1), h1 >= 0.95))
            // Beside it, the state PC model ranked by body positions: the ceiling of a latent that held the positions.
            let ceiling = positionRanking[.headline]?[.forward(ForwardModelID(space: .state, rule: .pc))].map {
                String(format: " (state PC by positions: %.1f%%)", 100 * $0[last - 1].hits(at: 1))
            } ?? ""
            checks.append(("contrastive H@1 at \(last) steps ≥ 90% (every frame)", String(format: "%.1f%%", 100 * hk) + ceiling,
                           hk >= 0.90))
        }
        for space in ForwardSpace.allCases {
            if let pc = objectError[.forward(ForwardModelID(space: space, rule: .pc))],
               let bp = objectError[.forward(ForwardModelID(space: space, rule: .bp))] {
                let ratio = pc[last - 1] / max(bp[last - 1], 1e-12)
                checks.append(("PC within 10% of backprop (\(space.rawValue), objects, k=\(last))",
                               String(format: "%.4f m vs %.4f m (×%.3f)", pc[last - 1], bp[last - 1], ratio), ratio <= 1.10))
            }
        }
        for (errors, which) in [(objectError, "block error (all blocks)"),
                                (movedObjectError, "block error (moved blocks)")] {
            guard let still = errors[.nothingMoves] else { continue }
            for key in [ForwardSpace.state, .latent].map({ EvaluatedModel.forward(ForwardModelID(space: $0, rule: .pc)) }) {
                guard let pc = errors[key] else { continue }
                let ratio = pc[last - 1] / max(still[last - 1], 1e-12)
                checks.append(("\(key.title) \(which) at k=\(last) < ¼ of nothing-moves",
                               "\(Evaluation.metres(pc[last - 1])) m vs \(Evaluation.metres(still[last - 1])) m" + String(format: " (×%.3f)", ratio),
                               ratio < 0.25))
            }
        }
        return checks
    }

    /// The evaluation as plain-text tables (for stdout).
    public func textTables() -> String {
        var out = "Held-out episodes: \(episodes); open-loop horizons \(horizons.map(String.init).joined(separator: ", "))\n\n"
        out += "Ranking of k-step latent predictions against true encodings\n"
        out += TextTable.format(header: rankingRows.header, rows: rankingRows.rows, labelColumns: 2)
        out += rankingNote + "\n"
        out += "\nRanking of k-step state predictions against true body positions (a latent that held the positions exactly)\n"
        out += TextTable.format(header: positionRankingRows.header, rows: positionRankingRows.rows, labelColumns: 2)
        out += "\nMean position error (metres) of k-step open-loop predictions\n"
        out += TextTable.format(header: errorRows.header, rows: errorRows.rows)
        out += String(format: "(probe floor: objects read from true encodings, mean over k: %.4f m)\n", probeError)
        out += String(format: "(probe at k = 0: %.4f m", probeErrorAtStart) + slotNote + ")\n"
        out += "\nMean position error (metres) of the objects that moved, k-step open-loop predictions\n"
        out += TextTable.format(header: movedErrorRows.header, rows: movedErrorRows.rows)
        out += movedNote + "\n"
        out += "\nQuality targets\n"
        out += TextTable.format(header: ["target", "measured", "met"],
                                rows: targetChecks.map { [$0.target, $0.measured, $0.met ? "yes" : "NO"] })
        return out
    }

    /// For a slot encoder, which slot the probe reads each body from (`; bodies from slots 3, 0, ...`); empty otherwise.
    var slotNote: String {
        bodySlots.isEmpty ? "" : "; bodies read from slots " + bodySlots.map { $0.map(String.init) ?? "all" }.joined(separator: ", ")
    }

    /// The HTML report: tables, targets, loss curves, error and Hits@1 versus horizon, and episode strips.
    public func report(title: String, summary: [String], history: [EpochRecord], frames: [[PNGImage]],
                       predictedFrames: [[PNGImage]] = []) -> HTMLReport {
        var report = HTMLReport(title: title)
        for line in summary { report.paragraph(line) }
        report.heading("Quality targets")
        report.table(header: ["target", "measured", "met"], rows: targetChecks.map { [$0.target, $0.measured, $0.met ? "yes" : "no"] })
        report.heading("Ranking on held-out episodes")
        report.table(header: rankingRows.header, rows: rankingRows.rows, labelColumns: 2)
        report.paragraph(rankingNote)
        report.heading("Ranking of state predictions by body positions")
        report.table(header: positionRankingRows.header, rows: positionRankingRows.rows, labelColumns: 2)
        report.paragraph("The state models' k-step predictions and every held-out frame represented by the bodies' positions "
                         + "(metres): what a latent that held the positions exactly would score with the state model's dynamics.")
        report.heading("Position error of open-loop predictions (metres)")
        report.table(header: errorRows.header, rows: errorRows.rows)
        report.paragraph(String(format: "Probe floor (objects read from true encodings): %.4f m over k, %.4f m at k = 0",
                                probeError, probeErrorAtStart) + slotNote + ".")
        report.heading("Position error of the objects that moved (metres)")
        report.table(header: movedErrorRows.header, rows: movedErrorRows.rows)
        report.paragraph(movedNote)

        report.heading("Training")
        for phase in ["contrastive", "latent", "state"] {
            let rows = history.filter { $0.phase == phase }
            guard !rows.isEmpty else { continue }
            let models = Array(Set(rows.map(\.model))).sorted()
            let series = models.flatMap { model -> [LinePlot.Series] in
                let mine = rows.filter { $0.model == model }
                return [LinePlot.Series(name: "\(model) train", points: mine.map { (Double($0.epoch), $0.trainLoss) }),
                        LinePlot.Series(name: "\(model) validation", points: mine.map { (Double($0.epoch), $0.validationLoss) })]
            }
            report.plot(LinePlot(title: "\(phase) loss", xLabel: "epoch", yLabel: "loss", series: series, logY: true))
        }

        report.heading("Error and ranking versus horizon")
        let ks = Array(1...maxHorizon).map(Double.init)
        report.plot(LinePlot(title: "object position error", xLabel: "open-loop steps k", yLabel: "metres (log scale)",
                             series: EvaluatedModel.all.compactMap { key in
                                 objectError[key].map { LinePlot.Series(name: key.title, points: Array(zip(ks, $0))) }
                             }, logY: true))
        report.plot(LinePlot(title: "position error of the objects that moved", xLabel: "open-loop steps k", yLabel: "metres (log scale)",
                             series: EvaluatedModel.all.compactMap { key in
                                 movedObjectError[key].map { errors in
                                     LinePlot.Series(name: key.title, points: zip(ks, errors).filter { !$0.1.isNaN })
                                 }
                             }, logY: true))
        report.plot(LinePlot(title: "Hits@1 against every held-out frame", xLabel: "open-loop steps k", yLabel: "Hits@1",
                             series: EvaluatedModel.all.compactMap { key in
                                 ranking[.headline]?[key].map { LinePlot.Series(name: key.title, points: Array(zip(ks, $0.map { $0.hits(at: 1) }))) }
                             }))

        report.heading("Predicted versus true positions")
        report.paragraph("Camera: the true images. Predicted: the same scene rasterised with every body at the position the "
                         + "state-space PC model predicts open loop from step 0 (orientations as at step 0). "
                         + "Diagrams: filled discs are true body positions, rings predicted ones.")
        let shown = Array(horizons.prefix(3))
        let steps = [0] + shown
        for episode in 0..<min(3, truePositions.count) {
            if episode < frames.count {
                report.imageStrip(label: "episode \(episode): camera",
                                  images: zip(steps, frames[episode]).map { ("k=\($0)", $1) })
            }
            if episode < predictedFrames.count {
                report.imageStrip(label: "episode \(episode): predicted (state PC)",
                                  images: zip(steps, predictedFrames[episode]).map { ("k=\($0)", $1) })
            }
            for key in [EvaluatedModel.forward(ForwardModelID(space: .state, rule: .pc)),
                        .forward(ForwardModelID(space: .latent, rule: .pc)), .transition] {
                guard let predicted = predictedPositions[key] else { continue }
                let panels = steps.map { k in
                    (caption: "k=\(k)", svg: Evaluation.positionPanel(truth: truePositions[episode][k], predicted: predicted[episode][k],
                                                                       bounds: Evaluation.bounds(truePositions[episode])))
                }
                report.svgStrip(label: "episode \(episode): \(key.title)", panels: panels)
            }
        }
        return report
    }

    static func bounds(_ frames: [[SIMD2<Double>]]) -> (SIMD2<Double>, SIMD2<Double>) {
        let all = frames.flatMap { $0 }
        var low = all.reduce(SIMD2(repeating: Double.infinity)) { pointwiseMin($0, $1) }
        var high = all.reduce(SIMD2(repeating: -Double.infinity)) { pointwiseMax($0, $1) }
        let pad = max(0.1, 0.25 * max(high.x - low.x, high.y - low.y))
        low -= pad
        high += pad
        return (low, high)
    }

    /// A small top-down SVG: true positions as discs, predicted as rings, one colour per body.
    static func positionPanel(truth: [SIMD2<Double>], predicted: [SIMD2<Double>], bounds: (SIMD2<Double>, SIMD2<Double>)) -> String {
        let size = 128.0
        let span = max(bounds.1.x - bounds.0.x, bounds.1.y - bounds.0.y)
        func p(_ v: SIMD2<Double>) -> (Double, Double) {
            ((v.x - bounds.0.x) / span * size, size - (v.y - bounds.0.y) / span * size)
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"128\" height=\"128\"><rect width=\"128\" height=\"128\" fill=\"#f4f4f4\" stroke=\"#999\"/>"
        for (b, v) in truth.enumerated() {
            let (x, y) = p(v)
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" ", x, y) + "fill=\"\(LinePlot.palette[b % LinePlot.palette.count])\"/>"
        }
        for (b, v) in predicted.enumerated() {
            let (x, y) = p(v)
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"none\" stroke-width=\"2\" ", x, y)
                + "stroke=\"\(LinePlot.palette[b % LinePlot.palette.count])\"/>"
        }
        return svg + "</svg>"
    }
}
