import Foundation
import TestSupport
import Testing

@Suite("foresight train: what it refuses to delete or read")
struct TrainSafetyTests {
    static let quick = ["--input", "state", "--encoder-epochs", "1", "--forward-epochs", "1"]

    @Test("--force replaces a run but not a dataset, a folder with notes or the working directory")
    func forceReplacesOnlyRuns() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = try TrainCommandTests.dataset("push", in: scratch)
        let manifest = URL(fileURLWithPath: data).appendingPathComponent("manifest.json")
        let onItself = try ForesightProcess.run(["train", data, "--out", data, "--force"] + Self.quick, in: scratch.url)
        #expect(onItself.status != 0)
        #expect(onItself.error.contains("is not a run folder (it holds 'manifest.json')"), "\(onItself.error)")
        #expect(FileManager.default.fileExists(atPath: manifest.path))

        let notes = scratch.file("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: notes.appendingPathComponent("todo.txt"))
        let onNotes = try ForesightProcess.run(["train", data, "--out", notes.path, "--force"] + Self.quick, in: scratch.url)
        #expect(onNotes.status != 0 && onNotes.error.contains("'todo.txt'"), "\(onNotes.error)")
        #expect(FileManager.default.fileExists(atPath: notes.appendingPathComponent("todo.txt").path))
        let onHere = try ForesightProcess.run(["train", data, "--out", ".", "--force"] + Self.quick, in: scratch.url)
        #expect(onHere.status != 0 && onHere.error.contains("is not a run folder"), "\(onHere.error)")

        let run = scratch.file("run").path
        #expect(try ForesightProcess.run(["train", data, "--out", run] + Self.quick, in: scratch.url).status == 0)
        let again = try ForesightProcess.run(["train", data, "--out", run, "--force"] + Self.quick, in: scratch.url)
        #expect(again.status == 0, "\(again.error)")
    }

    @Test("a flipped byte in a shard stops train and eval naming the shard; --skip-checksums reads it anyway")
    func damagedShardsAreRefused() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("push").path  // 20 episodes: eval needs two held out
        let simulated = try ForesightProcess.run(["simulate", "push", "--episodes", "20", "--steps", "5", "--seed", "2",
                                                  "--out", data], in: scratch.url)
        try #require(simulated.status == 0, "\(simulated.error)")
        let run = scratch.file("run").path
        #expect(try ForesightProcess.run(["train", data, "--out", run] + Self.quick, in: scratch.url).status == 0)
        let shard = URL(fileURLWithPath: data).appendingPathComponent("shard-00000.safetensors")
        var bytes = try Data(contentsOf: shard)
        bytes[bytes.count - 3] ^= 0x40
        try bytes.write(to: shard)
        let trained = try ForesightProcess.run(["train", data, "--out", scratch.file("run2").path] + Self.quick, in: scratch.url)
        #expect(trained.status != 0 && trained.error.contains(shard.path), "\(trained.error)")
        let evaluated = try ForesightProcess.run(["eval", run, "--horizon", "3"], in: scratch.url)
        #expect(evaluated.status != 0 && evaluated.error.contains(shard.path), "\(evaluated.error)")
        let skipped = try ForesightProcess.run(["eval", run, "--horizon", "3", "--skip-checksums"], in: scratch.url)
        #expect(skipped.status == 0, "\(skipped.error)")
    }
}
