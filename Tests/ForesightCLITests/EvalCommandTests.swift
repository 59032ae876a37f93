import Foundation
import TestSupport
import Testing

@Suite("foresight eval")
struct EvalCommandTests {
    /// The old run and its dataset, copied out of the bundle (eval writes the report into the run folder).
    static func oldRun(in scratch: TemporaryDirectory) throws -> URL {
        let fixture = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/old-run"))
        let copy = scratch.file("old-run")
        try FileManager.default.copyItem(at: fixture, to: copy)
        return copy
    }

    @Test("a run trained before runs recorded their dataset loads and evaluates to the tables it printed then")
    func oldRunEvaluatesAsBefore() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let folder = try Self.oldRun(in: scratch)
        let run = folder.appendingPathComponent("run").path, data = folder.appendingPathComponent("data").path
        let result = try ForesightProcess.run(["eval", run, "--data", data, "--horizon", "10"], in: folder)
        try #require(result.status == 0, "\(result.error)")
        let expected = try String(contentsOf: folder.appendingPathComponent("eval.txt"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let printed = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(printed.count == expected.count)
        for (index, (mine, theirs)) in zip(printed, expected).enumerated() where !theirs.hasPrefix("Report: ") {
            #expect(mine == theirs, "line \(index + 1)")
        }
        #expect(printed.contains { $0 == "Report: \(folder.appendingPathComponent("run/report.html").path)" })

        // It records no dataset: eval asks for one.
        let bare = try ForesightProcess.run(["eval", run], in: folder)
        #expect(bare.status != 0 && bare.output.isEmpty)
        #expect(bare.error.contains("run/best.safetensors") && bare.error.contains("--data"), "\(bare.error)")
    }

    @Test("a new run finds its dataset without --data, and says when the dataset's manifest changed")
    func recordedDataset() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("push").path
        let simulated = try ForesightProcess.run(["simulate", "push", "--episodes", "20", "--steps", "4", "--policy", "scripted",
                                                  "--seed", "2", "--out", data], in: scratch.url)
        try #require(simulated.status == 0, "\(simulated.error)")
        let run = scratch.file("run").path
        let trained = try ForesightProcess.run(["train", data, "--out", run, "--input", "state", "--encoder-epochs", "1",
                                                "--forward-epochs", "1"], in: scratch.url)
        try #require(trained.status == 0, "\(trained.error)")
        let named = try ForesightProcess.run(["eval", run, "--data", data, "--horizon", "3"], in: scratch.url)
        let recorded = try ForesightProcess.run(["eval", run, "--horizon", "3"], in: scratch.url)
        #expect(named.status == 0 && recorded.status == 0, "\(named.error)\(recorded.error)")
        #expect(recorded.output == named.output && recorded.output.contains("Held-out episodes: 2; open-loop horizons 1"))

        let manifest = URL(fileURLWithPath: data).appendingPathComponent("manifest.json")
        try (try Data(contentsOf: manifest) + Data("\n".utf8)).write(to: manifest)
        let changed = try ForesightProcess.run(["eval", run], in: scratch.url)
        #expect(changed.status != 0)
        #expect(changed.error.contains(manifest.path) && changed.error.contains("dataset.manifestCRC32"), "\(changed.error)")
        // Named explicitly, the dataset is used as it is.
        #expect(try ForesightProcess.run(["eval", run, "--data", data, "--horizon", "3"], in: scratch.url).output == named.output)
    }
}
