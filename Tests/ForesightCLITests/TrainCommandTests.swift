import Foundation
import TestSupport
import Testing

@Suite("foresight train")
struct TrainCommandTests {
    /// A tiny state-only dataset of `world` in `scratch`.
    static func dataset(_ world: String, in scratch: TemporaryDirectory) throws -> String {
        let path = scratch.file(world).path
        let result = try ForesightProcess.run(["simulate", world, "--episodes", "6", "--steps", "5", "--policy", "scripted",
                                               "--seed", "2", "--out", path], in: scratch.url)
        try #require(result.status == 0, "simulate \(world): \(result.error)")
        return path
    }

    @Test("--augment-symmetries trains on a push world and is refused, naming the dataset, on the arm")
    func symmetryAugmentation() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let options = ["--input", "state", "--encoder-epochs", "1", "--forward-epochs", "1", "--forward-batch", "64", "--augment-symmetries"]
        let push = try Self.dataset("push", in: scratch)
        let trained = try ForesightProcess.run(["train", push, "--out", scratch.file("push-run").path] + options, in: scratch.url)
        #expect(trained.status == 0, "\(trained.error)")
        #expect(FileManager.default.fileExists(atPath: scratch.file("push-run/best.safetensors").path))

        let arm = try Self.dataset("arm", in: scratch)
        let refused = try ForesightProcess.run(["train", arm, "--out", scratch.file("arm-run").path] + options, in: scratch.url)
        #expect(refused.status != 0)
        #expect(refused.error.contains(arm) && refused.error.contains("world_spec"), "\(refused.error)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("arm-run/last.safetensors").path))
    }
}
