import Foundation
import TestSupport
import Testing

@Suite("foresight check: world files, datasets and runs")
struct CheckCommandTests {
    @Test("a valid world, dataset and run each print an ok summary and exit 0")
    func validPathsAreSummarised() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let world = try ForesightProcess.run(["check", ForesightPaths.world("push")], in: scratch.url)
        #expect(world.status == 0 && world.output.hasPrefix("ok: world 'push': pusher 'pusher', 5 objects, table 0.8 × 0.8 m"),
                "\(world)")
        let data = try TrainCommandTests.dataset("push", in: scratch)
        let dataset = try ForesightProcess.run(["check", data], in: scratch.url)
        #expect(dataset.status == 0 && dataset.output.hasPrefix("ok: dataset of world 'push': 6 episodes × 5 steps, 6 bodies, "
                                                               + "observations state [48]; 1 shard matches its CRC-32"), "\(dataset)")
        let run = scratch.file("run").path
        #expect(try ForesightProcess.run(["train", data, "--out", run] + TrainSafetyTests.quick, in: scratch.url).status == 0)
        let checked = try ForesightProcess.run(["check", run], in: scratch.url)
        #expect(checked.status == 0, "\(checked.error)")
        #expect(checked.output.hasPrefix("ok: run on world 'push': state input, forward both, phase done"), "\(checked.output)")
        #expect(checked.output.contains("checkpoints best, last verified\n    dataset of world 'push'"), "\(checked.output)")
        let single = try ForesightProcess.run(["check", URL(fileURLWithPath: run).appendingPathComponent("best.safetensors").path],
                                              in: scratch.url)
        #expect(single.status == 0 && single.output.contains("; checkpoint best.safetensors verified"), "\(single)")
    }

    @Test("what is wrong is named with its file and field, exit 1; a missing path is a usage error, exit 64")
    func problemsAreNamed() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let yaml = try String(contentsOfFile: ForesightPaths.world("push"), encoding: .utf8)
        let big = scratch.file("big.yaml")
        try yaml.replacingOccurrences(of: "box: {size: [0.08, 0.08]}", with: "box: {size: [5.0, 5.0]}").write(to: big, atomically: true, encoding: .utf8)
        let world = try ForesightProcess.run(["check", big.path], in: scratch.url)
        #expect(world.status == 1 && world.error.contains("\(big.path):39: objects[0].shapes: 'box1' is 7.78 m across"), "\(world.error)")

        let data = try TrainCommandTests.dataset("push", in: scratch)
        let manifest = URL(fileURLWithPath: data).appendingPathComponent("manifest.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
        json["bodies"] = (json["bodies"] as? [Any])?.prefix(3).map { $0 }
        try JSONSerialization.data(withJSONObject: json).write(to: manifest)
        let dataset = try ForesightProcess.run(["check", data], in: scratch.url)
        #expect(dataset.status == 1 && dataset.error.contains("\(manifest.path): bodies: lists 3 bodies (pusher, box1, box2) but "
                                                             + "observations.state.labels hold positions of 6"), "\(dataset.error)")

        let missing = try ForesightProcess.run(["check", scratch.file("nowhere").path], in: scratch.url)
        #expect(missing.status == 64 && missing.error.contains("no such file or folder"), "\(missing.error)")
        let empty = try ForesightProcess.run(["check", scratch.url.path], in: scratch.url)
        #expect(empty.status == 1 && empty.error.contains("neither a world file, a dataset"), "\(empty.error)")
    }

    @Test("train --resume refuses another dataset or other options, naming what differs")
    func resumeRefusesChanges() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = try TrainCommandTests.dataset("push", in: scratch)
        let other = scratch.file("other").path
        #expect(try ForesightProcess.run(["simulate", "push", "--episodes", "6", "--steps", "5", "--seed", "9", "--out", other],
                                         in: scratch.url).status == 0)
        let run = scratch.file("run").path
        #expect(try ForesightProcess.run(["train", data, "--out", run] + TrainSafetyTests.quick, in: scratch.url).status == 0)
        let last = URL(fileURLWithPath: run).appendingPathComponent("last.safetensors").path
        let onOther = try ForesightProcess.run(["train", other, "--out", run, "--resume"], in: scratch.url)
        #expect(onOther.status == 1 && onOther.error.contains("\(last): --resume continues a run as it was started, but dataset "
                                                             + "differs: the run has \(data), this command asks for \(other)"), "\(onOther.error)")
        let wider = try ForesightProcess.run(["train", data, "--out", run, "--resume", "--forward-hidden", "64"], in: scratch.url)
        #expect(wider.status == 1 && wider.error.contains("but config.forwardHidden differs: the run has [128,128], this command "
                                                         + "asks for [64]"), "\(wider.error)")
        let same = try ForesightProcess.run(["train", data, "--out", run, "--resume", "--input", "state"], in: scratch.url)
        #expect(same.status == 0, "\(same.error)")
    }
}
