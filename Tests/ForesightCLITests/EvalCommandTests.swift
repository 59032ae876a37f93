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
        let expected = try String(contentsOf: folder.appendingPathComponent("eval.txt"), encoding: .utf8)
        let printed = result.output
        // The numbers of then, in the tables of now: the position tables verbatim, the ranking (C-SWM's set, targets per
        // prediction, as the only table of then) row by row, every quality target not about ranking.
        let sections = expected.components(separatedBy: "\n\n")
        for section in sections where section.hasPrefix("Mean position error") {
            #expect(printed.contains(section), "\(section.prefix(80))")
        }
        let newRows = printed.split(separator: "\n").map(Self.cells)
        let oldRanking = try #require(sections.first { $0.hasPrefix("C-SWM ranking") }).split(separator: "\n").dropFirst(3).map(Self.cells)
        #expect(oldRanking.count == 4)
        for row in oldRanking {
            let now = newRows.first { $0.first == row.first && $0.dropFirst().first == "step-k frames (C-SWM), targets per prediction" }
            #expect(now.map { Array($0.dropFirst(2)) } == Array(row.dropFirst()), "\(row[0])")
        }
        let oldTargets = try #require(sections.first { $0.hasPrefix("Quality targets") }).split(separator: "\n").dropFirst(3)
        for target in oldTargets.map(Self.cells) where !target[0].hasPrefix("contrastive H@1") {
            #expect(newRows.contains(target), "\(target[0])")
        }
        #expect(printed.contains("Report: \(folder.appendingPathComponent("run/report.html").path)"))

        // It records no dataset: eval asks for one.
        let bare = try ForesightProcess.run(["eval", run], in: folder)
        #expect(bare.status != 0 && bare.output.isEmpty)
        #expect(bare.error.contains("run/best.safetensors") && bare.error.contains("--data"), "\(bare.error)")
    }

    /// A table row's cells: the text between runs of two or more spaces.
    static func cells(_ line: Substring) -> [String] {
        line.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
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

        // The test split holds 2 episodes; a dataset the run never saw also lends its validation split.
        let tooMany = try ForesightProcess.run(["eval", run, "--data", data, "--test-episodes", "3"], in: scratch.url)
        #expect(tooMany.status == 1 && tooMany.error.contains("3 test episodes asked for") && tooMany.error.contains("holds 2"),
                "\(tooMany.error)")
        let other = scratch.file("other").path
        let simulatedOther = try ForesightProcess.run(["simulate", "push", "--episodes", "20", "--steps", "4", "--policy", "scripted",
                                                       "--seed", "3", "--out", other], in: scratch.url)
        try #require(simulatedOther.status == 0, "\(simulatedOther.error)")
        let foreign = try ForesightProcess.run(["eval", run, "--data", other, "--horizon", "3", "--test-episodes", "4"], in: scratch.url)
        #expect(foreign.status == 0 && foreign.output.contains("Held-out episodes: 4; open-loop horizons 1"), "\(foreign.error)")
    }
}
