import Foundation
import TestSupport
import Testing
import TensorCore
@testable import Trajectories

/// Compares what `scripts/read-dataset.py` (numpy + safetensors) read with what `Dataset` reads.
func expectPythonAgrees(with dataset: Dataset, summary: [String: Any]) throws {
    let manifest = dataset.manifest
    let episodes = (0..<manifest.episodes)
    let read = try episodes.map { try dataset.episode($0) }
    let steps = manifest.stepsPerEpisode
    #expect(summary["episodes"] as? Int == manifest.episodes)
    let contactFraction = try #require(summary["contact_fraction"] as? Double)
    #expect(abs(contactFraction - manifest.contactFraction) < 1e-12)

    let tensors = try #require(summary["tensors"] as? [String: [String: Any]])
    var expected: [String: (dtype: String, shape: [Int], sum: Double)] = [
        "obs.state": ("float32", [manifest.episodes, steps + 1] + manifest.observation(.state)!.shape,
                      read.reduce(0) { $0 + $1.state.storage.reduce(0) { $0 + Double($1) } }),
        "actions": ("float32", [manifest.episodes, steps] + manifest.action.shape,
                    read.reduce(0) { $0 + $1.actions.storage.reduce(0) { $0 + Double($1) } }),
        "rewards": ("float32", [manifest.episodes, steps], read.reduce(0) { $0 + $1.rewards.reduce(0) { $0 + Double($1) } }),
        "contacts": ("uint8", [manifest.episodes, steps], Double(read.reduce(0) { $0 + $1.contacts.filter { $0 }.count })),
        "terminated": ("uint8", [manifest.episodes, steps], Double(read.reduce(0) { $0 + $1.terminated.filter { $0 }.count })),
        "episode_seed": ("int64", [manifest.episodes], read.reduce(0) { $0 + Double(Int64(bitPattern: $1.seed)) }),
    ]
    if let pixels = manifest.observation(.pixels) {
        expected["obs.pixels"] = ("uint8", [manifest.episodes, steps + 1] + pixels.shape,
                                  read.reduce(0) { $0 + Double($1.pixels!.reduce(0) { $0 + Int($1) }) })
    }
    if let lidar = manifest.observation(.lidar) {
        expected["obs.lidar"] = ("float32", [manifest.episodes, steps + 1] + lidar.shape,
                                 read.reduce(0) { $0 + $1.lidar!.storage.reduce(0) { $0 + Double($1) } })
    }
    #expect(Set(tensors.keys) == Set(expected.keys))
    for (name, value) in expected {
        let python = try #require(tensors[name], "\(name)")
        #expect(python["dtype"] as? String == value.dtype, "\(name)")
        #expect(python["shape"] as? [Int] == value.shape, "\(name)")
        let sum = try #require(python["sum"] as? Double, "\(name)")
        #expect(abs(sum - value.sum) <= 1e-9 * max(1, abs(value.sum)), "\(name): Python sums \(sum), Swift \(value.sum)")
    }
    #expect(floats(summary["first_state"]) == read[0].state.row(0))
    #expect(floats(summary["last_state"]) == read.last!.state.row(steps))
    #expect(floats(summary["last_action"]) == read.last!.actions.row(steps - 1))
    #expect(summary["episode_seeds"] as? [String] == read.map { String($0.seed) })
    if let pixels = read.last!.pixels {
        #expect(summary["last_pixel"] as? [Int] == pixels.suffix(3).map(Int.init))
    }
}

/// Parses the exact decimal strings the script prints for float32 values.
func floats(_ value: Any?) -> [Float]? {
    (value as? [String])?.map { Float(Double($0)!) }
}

@Suite("Python interop: numpy + safetensors read our datasets", .enabled(if: InteropPython.shouldRun))
struct PythonInteropTests {
    @Test("a written dataset reads in Python with the documented shapes and values")
    func writtenDataset() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 7, steps: 5, episodesPerShard: 3, pixels: true, lidar: true)
        try SyntheticEpisodes.write(manifest, to: folder.file("d"))
        let summary = try InteropPython.readDataset(folder.file("d"))
        try expectPythonAgrees(with: try Dataset(url: folder.file("d")), summary: summary)
        // And against the values as generated, not only as the Swift reader sees them.
        #expect(floats(summary["first_state"]) == (0..<4).map { SyntheticEpisodes.state(0, 0, $0) })
        #expect(floats(summary["last_action"]) == (0..<2).map { SyntheticEpisodes.action(6, 4, $0) })
        #expect(summary["episode_seeds"] as? [String] == (0..<7).map { String(UInt64.max - UInt64($0)) })
    }

    @Test("the Python reader rejects a damaged shard and one that breaks the documented layout")
    func pythonNoticesDamage() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 4, steps: 3, episodesPerShard: 2)
        try SyntheticEpisodes.write(manifest, to: folder.file("d"))
        let script = InteropPython.packageRoot.appendingPathComponent("scripts/read-dataset.py").path
        let shard = folder.file("d/shard-00001.safetensors")
        let original = try Data(contentsOf: shard)
        var damaged = original
        damaged[damaged.count - 1] ^= 1
        try damaged.write(to: shard)
        let checksum = try InteropPython.run(try InteropPython.require(), [script, folder.file("d").path])
        #expect(checksum.status == 1)
        #expect(checksum.error.contains("shard-00001.safetensors: crc32: the file is damaged"))

        try original.write(to: shard)
        var archive = try SafetensorsArchive(contentsOf: shard)
        archive["rewards"] = Tensor([Float](repeating: 0, count: 8), shape: [2, 4])
        try archive.write(to: shard)
        var written = try DatasetManifest(contentsOf: folder.file("d/manifest.json"))
        written.shards[1].crc32 = try CRC32.checksum(ofFile: shard)
        try written.encoded().write(to: folder.file("d/manifest.json"))
        let layout = try InteropPython.run(try InteropPython.require(), [script, folder.file("d").path])
        #expect(layout.status == 1)
        #expect(layout.error.contains("shard-00001.safetensors: rewards: expected shape [2, 3], found [2, 4]"))
    }
}
