import Foundation
import TestSupport
import Testing

@Suite("foresight demo")
struct DemoCommandTests {
    @Test("a reduced demo simulates, trains, evaluates, prints the tables and writes the report")
    func reducedDemo() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let out = scratch.file("demo")
        let result = try ForesightProcess.run(["demo", "--out", out.path, "--episodes", "20", "--steps", "8",
                                               "--encoder-epochs", "1", "--forward-epochs", "1"], in: scratch.url)
        try #require(result.status == 0, "\(result.error)")
        for heading in ["Trained pixels world model on push (16 training, 2 validation episodes)",
                        "Held-out episodes: 2; open-loop horizons 1, 5", "Ranking of k-step latent predictions", "Mean position error (metres)",
                        "PC forward (state)", "nothing moves", "Quality targets"] {
            #expect(result.output.contains(heading), "\(heading)")
        }
        let report = out.appendingPathComponent("run/report.html")
        #expect(result.output.hasSuffix("Report: \(report.path)\n"))
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("Quality targets") && html.contains("data:image/png;base64,") && html.contains("predicted (state PC)"))
    }

    @Test("too few episodes or steps are refused before anything is simulated")
    func refusesWhatCannotBeEvaluated() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        for (option, value, message) in [("--episodes", "0", "--episodes must be at least 15"), ("--episodes", "10", "2 held-out test episodes"),
                                         ("--steps", "0", "--steps must be at least 1")] {
            let result = try ForesightProcess.run(["demo", "--out", scratch.file("demo").path, option, value], in: scratch.url)
            #expect(result.status != 0 && result.error.contains(message), "\(option) \(value): \(result.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.file("demo").path))
    }
}
