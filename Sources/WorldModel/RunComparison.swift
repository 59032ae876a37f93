import Foundation

/// Several runs (one per sensor combination, say) evaluated on their held-out episodes, side by side in one table:
/// what each encoder's latent lets a probe read, and how far its forward models' k-step predictions drift.
///
/// Every number is recomputed from the runs' checkpoints and the datasets they record (`RunEvaluation` without its
/// report), so the table reproduces from the saved files alone.
public struct RunComparison {
    /// One run's figures.
    public struct Row: Sendable {
        /// The run folder's name.
        public var name: String
        /// What its encoder reads.
        public var input: EncoderInput
        /// Probe floors: objects and robot read from true encodings (metres, mean over k).
        public var probeObjects: Double
        public var probeRobot: Double
        /// Object and robot position errors at step `horizon` (metres), by model.
        public var objects: [EvaluatedModel: Double]
        public var robot: [EvaluatedModel: Double]
    }

    /// The open-loop step the errors are read at.
    public let horizon: Int
    /// One row per run, in the order given.
    public let rows: [Row]

    /// The models whose k-step errors the table shows, in column order.
    public static let models: [EvaluatedModel] = [
        .forward(ForwardModelID(space: .latent, rule: .pc)), .forward(ForwardModelID(space: .latent, rule: .bp)),
        .forward(ForwardModelID(space: .state, rule: .pc)), .nothingMoves,
    ]

    /// Evaluates the best checkpoint of every run in `runs` on the dataset it records, up to `horizon` steps.
    public init(runs: [URL], horizon: Int = Evaluation.defaultHorizon, testEpisodes: Int? = nil, verifyChecksums: Bool = true,
                progress: (URL) -> Void = { _ in }) throws {
        var rows: [Row] = [], reached = horizon
        for run in runs {
            progress(run)
            let result = try RunEvaluation(runURL: run, horizon: horizon, testEpisodes: testEpisodes,
                                           verifyChecksums: verifyChecksums, scope: .deterministicNumbers)
            let evaluation = result.evaluation
            reached = min(reached, evaluation.maxHorizon)
            rows.append(Row(name: run.lastPathComponent, input: result.record.config.input, probeObjects: evaluation.probeError,
                            probeRobot: evaluation.robotProbeError,
                            objects: evaluation.objectError.mapValues { $0[evaluation.maxHorizon - 1] },
                            robot: evaluation.robotError.mapValues { $0[evaluation.maxHorizon - 1] }))
        }
        self.horizon = reached
        self.rows = rows
    }

    /// The table: run, input, probe floors, then each model's object and robot error at `horizon` ("n/a" where a run has no such model).
    public var table: (header: [String], rows: [[String]]) {
        let header = ["run", "input", "probe objects (m)", "probe robot (m)"] + RunComparison.models.flatMap { model in
            ["\(model.title) objects k=\(horizon)", "robot k=\(horizon)"]
        }
        let cells = rows.map { row in
            [row.name, row.input.rawValue, Evaluation.metres(row.probeObjects), Evaluation.metres(row.probeRobot)]
                + RunComparison.models.flatMap { model in
                    [row.objects[model].map(Evaluation.metres) ?? "n/a", row.robot[model].map(Evaluation.metres) ?? "n/a"]
                }
        }
        return (header, cells)
    }

    /// What the columns mean.
    public var note: String {
        "(probe: a linear map fitted on training frames reads body positions from true encodings of held-out frames, mean over "
            + "k = 1...\(horizon); latent models' positions are read by the same probe, the state model predicts them; "
            + "every run on its own recorded dataset's held-out episodes)"
    }

    /// The table as text, for stdout.
    public var text: String {
        "Probe and \(horizon)-step position errors by run\n" + TextTable.format(header: table.header, rows: table.rows, labelColumns: 2)
            + note + "\n"
    }

    /// The table as a self-contained HTML page.
    public func report(title: String) -> HTMLReport {
        var report = HTMLReport(title: title)
        report.heading("Probe and \(horizon)-step position errors by run (metres)")
        report.table(header: table.header, rows: table.rows, labelColumns: 2)
        report.paragraph(note)
        return report
    }
}
