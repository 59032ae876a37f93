import Foundation
import TestSupport
import Testing

@Suite("foresight simulate --policy curious")
struct SimulateCuriousTests {
    static let curious = ["simulate", "push", "--episodes", "6", "--steps", "10", "--policy", "curious", "--seed", "4",
                          "--hidden", "16", "--updates-per-transition", "1", "--warm-up", "20"]

    @Test("learns online while collecting: the same dataset for a seed, and the learned model is a run that eval reads")
    func curiousCollection() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let first = try ForesightProcess.run(Self.curious + ["--out", scratch.file("a").path, "--learn-save", scratch.file("run").path],
                                             in: scratch.url)
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("online state.pc: 60 transitions"), "\(first.output)")
        let second = try ForesightProcess.run(Self.curious + ["--out", scratch.file("b").path], in: scratch.url)
        #expect(second.status == 0, "\(second.error)")
        let shard = "shard-00000.safetensors"
        #expect(try Data(contentsOf: scratch.file("a").appendingPathComponent(shard))
                == Data(contentsOf: scratch.file("b").appendingPathComponent(shard)))
        let manifest = try String(contentsOf: scratch.file("a").appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"curious\""))
        let test = try ForesightProcess.run(["simulate", "push", "--episodes", "20", "--steps", "10", "--policy", "scripted",
                                             "--seed", "9", "--out", scratch.file("test").path], in: scratch.url)
        #expect(test.status == 0, "\(test.error)")
        let eval = try ForesightProcess.run(["eval", scratch.file("run").path, "--data", scratch.file("test").path], in: scratch.url)
        #expect(eval.status == 0, "\(eval.error)")
        #expect(eval.output.contains("PC forward (state)"), "\(eval.output)")
    }
}
