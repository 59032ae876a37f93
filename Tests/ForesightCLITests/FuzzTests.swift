import Foundation
import TensorCore
import TestSupport
import Testing

/// Seeded, bounded fuzzing of everything Foresight reads: world files (through `simulate`), manifests, shards and
/// checkpoints (through `check`). Every case must end with exit status 0 or 1 (no trap, no signal), an error that
/// names the damaged file or its folder, and nothing written outside the command's output folder.
@Suite("Fuzz: damaged worlds, manifests, shards and checkpoints", .serialized)
struct FuzzTests {
    static let seed: UInt64 = 18
    static let casesPerKind = 30

    /// The scratch area: `work/` holds inputs and outputs (watched), `logs/` the processes' stdout and stderr.
    struct Scratch {
        let root: TemporaryDirectory
        var work: URL { root.file("work") }
        var logs: URL { root.file("logs") }

        /// Every file under `work/` with its size.
        func files() -> [String: Int] {
            var found: [String: Int] = [:]
            let enumerator = FileManager.default.enumerator(at: work, includingPropertiesForKeys: [.fileSizeKey])
            while let url = enumerator?.nextObject() as? URL {
                found[url.path] = (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? -1
            }
            return found
        }
    }

    /// Runs `arguments` and checks the outcome of fuzz case `label`; returns whether the input was accepted.
    @discardableResult
    static func expectHandled(_ arguments: [String], label: String, blame: String, output: String? = nil, in scratch: Scratch) throws -> Bool {
        let before = scratch.files()
        let result = try ForesightProcess.run(arguments, in: scratch.logs)
        #expect(result.status == 0 || result.status == 1, "\(label): exit \(result.status): \(result.error.suffix(2000))")
        if result.status != 0 {
            #expect(result.error.contains(blame), "\(label): the error does not name \(blame): \(result.error.suffix(600))")
        }
        let written = scratch.files().filter { path, size in before[path] != size && !(output.map { path.hasPrefix($0) } ?? false) }
        #expect(written.isEmpty, "\(label): wrote outside its output folder: \(written.keys.sorted())")
        return result.status == 0
    }

    /// Fails when the mutations left two thirds of the cases valid or more (they would then test little), and says how
    /// many were accepted (edits inside a manifest's `world_spec`, which only describes the data, are accepted).
    static func expectMostlyRefused(_ accepted: Int, _ kind: String = #function) {
        print("fuzz \(kind): \(casesPerKind) cases, \(accepted) accepted, \(casesPerKind - accepted) refused with a named error")
        #expect(3 * accepted < 2 * casesPerKind, "\(accepted) of \(casesPerKind) damaged inputs were accepted")
    }

    /// Copies `source` to a fresh folder `name` under `work/`.
    static func copy(_ source: URL, named name: String, in scratch: Scratch) throws -> URL {
        let destination = scratch.work.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source, to: destination)
        return destination
    }

    /// A 6-episode dataset and a run trained on it, under `work/`.
    static func baseline(in scratch: Scratch) throws -> (dataset: URL, run: URL) {
        try FileManager.default.createDirectory(at: scratch.work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch.logs, withIntermediateDirectories: true)
        let dataset = scratch.work.appendingPathComponent("base-data"), run = scratch.work.appendingPathComponent("base-run")
        let simulated = try ForesightProcess.run(["simulate", "push", "--episodes", "6", "--steps", "4", "--seed", "3",
                                                  "--episodes-per-shard", "3", "--out", dataset.path], in: scratch.logs)
        try #require(simulated.status == 0, "\(simulated.error)")
        let trained = try ForesightProcess.run(["train", dataset.path, "--out", run.path] + TrainSafetyTests.quick, in: scratch.logs)
        try #require(trained.status == 0, "\(trained.error)")
        return (dataset, run)
    }

    @Test("world files with a field or bytes changed: simulate fails naming the file or writes only its dataset")
    func worldFiles() throws {
        let scratch = Scratch(root: try TemporaryDirectory())
        defer { scratch.root.remove() }
        try FileManager.default.createDirectory(at: scratch.work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch.logs, withIntermediateDirectories: true)
        var mutate = FuzzMutations(rng: RandomStream(seed: Self.seed).split(0))
        let worlds = ["push", "arm", "diffdrive", "push-tee"]
        var accepted = 0
        for i in 0..<Self.casesPerKind {
            let text = try String(contentsOfFile: ForesightPaths.world(worlds[i % worlds.count]), encoding: .utf8)
            let file = scratch.work.appendingPathComponent("world-\(i).yaml")
            let damaged = mutate.rng.int(below: 4) == 0 ? mutate.bytes(Data(text.utf8)) : Data(mutate.yamlLine(text).utf8)
            try damaged.write(to: file)
            let out = scratch.work.appendingPathComponent("out-\(i)").path
            if try Self.expectHandled(["simulate", file.path, "--episodes", "2", "--steps", "3", "--out", out],
                                      label: "world case \(i)", blame: file.path, output: out, in: scratch) { accepted += 1 }
        }
        Self.expectMostlyRefused(accepted)
    }

    @Test("manifests with a field or bytes changed: check fails naming the dataset")
    func manifests() throws {
        let scratch = Scratch(root: try TemporaryDirectory())
        defer { scratch.root.remove() }
        let (dataset, _) = try Self.baseline(in: scratch)
        var mutate = FuzzMutations(rng: RandomStream(seed: Self.seed).split(1))
        var accepted = 0
        for i in 0..<Self.casesPerKind {
            let copy = try Self.copy(dataset, named: "data-\(i)", in: scratch)
            let manifest = copy.appendingPathComponent("manifest.json")
            let original = try Data(contentsOf: manifest)
            let damaged = mutate.rng.int(below: 5) == 0 ? mutate.bytes(original) : mutate.jsonField(original) ?? original
            try damaged.write(to: manifest)
            if try Self.expectHandled(["check", copy.path], label: "manifest case \(i)", blame: copy.path, in: scratch) { accepted += 1 }
        }
        Self.expectMostlyRefused(accepted)
    }

    @Test("shards with bytes changed (half with the manifest's CRC-32 updated to match): check fails naming the dataset")
    func shards() throws {
        let scratch = Scratch(root: try TemporaryDirectory())
        defer { scratch.root.remove() }
        let (dataset, _) = try Self.baseline(in: scratch)
        var mutate = FuzzMutations(rng: RandomStream(seed: Self.seed).split(2))
        var accepted = 0
        for i in 0..<Self.casesPerKind {
            let copy = try Self.copy(dataset, named: "data-\(i)", in: scratch)
            let shardIndex = mutate.rng.int(below: 2)
            let shard = copy.appendingPathComponent(String(format: "shard-%05d.safetensors", shardIndex))
            let damaged = mutate.bytes(try Data(contentsOf: shard))
            try damaged.write(to: shard)
            if i % 2 == 0 {
                let manifest = copy.appendingPathComponent("manifest.json")
                var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
                var entries = try #require(json["shards"] as? [[String: Any]])
                entries[shardIndex]["crc32"] = CRC32.checksum([UInt8](damaged))
                json["shards"] = entries
                try JSONSerialization.data(withJSONObject: json).write(to: manifest)
            }
            if try Self.expectHandled(["check", copy.path], label: "shard case \(i)", blame: copy.path, in: scratch) { accepted += 1 }
        }
        Self.expectMostlyRefused(accepted)
    }

    @Test("checkpoints with bytes or a field of their run record changed: check fails naming the run")
    func checkpoints() throws {
        let scratch = Scratch(root: try TemporaryDirectory())
        defer { scratch.root.remove() }
        let (_, run) = try Self.baseline(in: scratch)
        var mutate = FuzzMutations(rng: RandomStream(seed: Self.seed).split(3))
        var accepted = 0
        for i in 0..<Self.casesPerKind {
            let copy = try Self.copy(run, named: "run-\(i)", in: scratch)
            let checkpoint = copy.appendingPathComponent(i % 3 == 0 ? "best.safetensors" : "last.safetensors")
            let original = try Data(contentsOf: checkpoint)
            let damaged = i % 2 == 0 ? mutate.bytes(original) : try Self.editingRecord(original, with: &mutate)
            try damaged.write(to: checkpoint)
            if try Self.expectHandled(["check", copy.path], label: "checkpoint case \(i)", blame: copy.path, in: scratch) { accepted += 1 }
        }
        Self.expectMostlyRefused(accepted)
    }

    /// The checkpoint `data` with one field of its run record (`foresight.run` in `__metadata__`) changed; the tensors'
    /// checksum still matches, so only the record's own validation can catch it.
    static func editingRecord(_ data: Data, with mutate: inout FuzzMutations) throws -> Data {
        let length = Int(data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        var header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any])
        var metadata = try #require(header["__metadata__"] as? [String: String])
        let record = try #require(metadata["foresight.run"])
        metadata["foresight.run"] = mutate.jsonField(Data(record.utf8)).map { String(decoding: $0, as: UTF8.self) } ?? record
        header["__metadata__"] = metadata
        var text = try JSONSerialization.data(withJSONObject: header)
        text.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - text.count % 8) % 8))
        let size = UInt64(text.count)
        return Data((0..<8).map { UInt8(truncatingIfNeeded: size >> (8 * UInt64($0))) }) + text + data.suffix(from: 8 + length)
    }
}
