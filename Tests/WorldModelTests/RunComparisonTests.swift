import Foundation
import TestSupport
import Testing
@testable import WorldModel

/// `RunComparison`, what `foresight compare` prints: each run's row holds its own evaluation's figures.
@Suite struct RunComparisonTests {
    @Test func eachRowIsItsRunsEvaluationAndNoReportIsWritten() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try RunEvaluationTests.writeDataset(to: folder.file("linear"), episodes: 20, steps: 10, lidar: true)
        let dataset = try RunDataset(path: folder.file("linear").path)
        var runs: [URL] = []
        for input in [EncoderInput.state, .stateLidar] {
            var config = LidarEncoderTests.config(input: input)
            config.encoderEpochs = 1
            config.forwardEpochs = 1
            config.forwardHidden = [8]
            let run = folder.file(input.rawValue)
            try WorldModelTrainer(config: config, dataset: dataset, runURL: run).run()
            runs.append(run)
        }
        let comparison = try RunComparison(runs: runs, horizon: 5)
        #expect(comparison.rows.map(\.input) == [.state, .stateLidar] && comparison.horizon == 5)
        let latentPC = EvaluatedModel.forward(ForwardModelID(space: .latent, rule: .pc))
        for (row, run) in zip(comparison.rows, runs) {
            #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("report.html").path))
            let evaluation = try RunEvaluation(runURL: run, horizon: 5).evaluation
            #expect(row.probeObjects == evaluation.probeError && row.probeRobot == evaluation.robotProbeError)
            #expect(row.objects[latentPC] == evaluation.objectError[latentPC]?[4] && row.robot[.nothingMoves] == evaluation.robotError[.nothingMoves]?[4])
        }
        #expect(comparison.table.rows.map { Array($0.prefix(2)) } == [["state", "state"], ["state+lidar", "state+lidar"]])
        #expect(try RunComparison(runs: runs, horizon: 5).text == comparison.text)
    }
}
