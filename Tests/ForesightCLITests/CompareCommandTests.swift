import Foundation
import TestSupport
import Testing

/// `foresight train --input state+lidar` on a lidar world, and `foresight compare` putting runs side by side.
@Suite struct CompareCommandTests {
    @Test("a state+lidar run trains on diffdrive and compares with a state run; a dataset without lidar is refused by name")
    func lidarRunsTrainAndCompare() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("drive").path
        let simulated = try ForesightProcess.run(["simulate", "diffdrive", "--episodes", "20", "--steps", "4", "--policy", "scripted",
                                                  "--observe", "state,lidar", "--seed", "2", "--out", data], in: scratch.url)
        try #require(simulated.status == 0, "\(simulated.error)")
        let quick = ["--encoder-epochs", "1", "--forward-epochs", "1", "--forward-hidden", "16", "--latent", "8"]
        for input in ["state", "state+lidar"] {
            let trained = try ForesightProcess.run(["train", data, "--out", scratch.file(input).path, "--input", input] + quick,
                                                   in: scratch.url)
            try #require(trained.status == 0, "\(trained.error)")
        }
        let compared = try ForesightProcess.run(["compare", scratch.file("state").path, scratch.file("state+lidar").path,
                                                 "--horizon", "3", "--report", scratch.file("compare.html").path], in: scratch.url)
        #expect(compared.status == 0, "\(compared.error)")
        let rows = compared.output.split(separator: "\n").filter { $0.hasPrefix("state") }
        #expect(rows.count == 2 && rows[1].hasPrefix("state+lidar") && compared.output.contains("objects k=3"), "\(compared.output)")
        #expect(FileManager.default.fileExists(atPath: scratch.file("compare.html").path))

        let stateOnly = scratch.file("state-only").path
        let plain = try ForesightProcess.run(["simulate", "diffdrive", "--episodes", "20", "--steps", "4", "--policy", "scripted",
                                              "--seed", "2", "--out", stateOnly], in: scratch.url)
        try #require(plain.status == 0, "\(plain.error)")
        let refused = try ForesightProcess.run(["train", stateOnly, "--out", scratch.file("refused").path, "--input", "state+lidar"] + quick,
                                               in: scratch.url)
        #expect(refused.status != 0 && refused.error.contains("observations.lidar") && refused.error.contains(stateOnly), "\(refused.error)")
    }
}
