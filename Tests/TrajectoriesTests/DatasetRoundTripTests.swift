import Foundation
import TestSupport
import Testing
import TensorCore
@testable import Trajectories

@Suite("Dataset round trip")
struct DatasetRoundTripTests {
    @Test("episodes written in shards read back exactly, with the manifest")
    func roundTrip() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 7, steps: 5, episodesPerShard: 3, pixels: true, lidar: true)
        let written = try SyntheticEpisodes.write(manifest, to: folder.file("data"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("data").path).sorted()
        #expect(names == ["manifest.json", "shard-00000.safetensors", "shard-00001.safetensors", "shard-00002.safetensors"])

        let dataset = try Dataset(url: folder.file("data"))
        #expect(dataset.manifest == written)
        #expect(dataset.manifest.shards.map(\.episodes) == [3, 3, 1])
        for shard in dataset.manifest.shards {
            #expect(shard.crc32 == (try CRC32.checksum(ofFile: folder.file("data/\(shard.file)"))))
        }
        _ = try Dataset(url: folder.file("data"), verifyChecksums: true)
        let touching = (0..<7).flatMap { e in (0..<5).map { SyntheticEpisodes.touches(e, $0) } }.filter { $0 }.count
        #expect(dataset.manifest.contactFraction == Double(touching) / 35)

        for e in 0..<7 {
            let expected = SyntheticEpisodes.record(e, manifest: manifest)
            let episode = try dataset.episode(e)
            #expect(episode.index == e)
            #expect(episode.seed == expected.seed)
            #expect(episode.state.shape == [6, SyntheticEpisodes.stateWidth])
            #expect(episode.state.storage == expected.state)
            #expect(episode.pixels == expected.pixels)
            #expect(episode.lidar?.storage == expected.lidar)
            #expect(episode.actions.shape == [5, SyntheticEpisodes.actionWidth])
            #expect(episode.actions.storage == expected.actions)
            #expect(episode.rewards == expected.rewards)
            #expect(episode.contacts == expected.contacts.map { $0 != 0 })
            #expect(episode.terminated == expected.terminated.map { $0 != 0 })
        }
        #expect(throws: DatasetError.self) { try dataset.episode(7) }
    }

    @Test("the manifest uses the documented snake_case keys")
    func manifestKeys() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try SyntheticEpisodes.write(SyntheticEpisodes.manifest(episodes: 2, steps: 3, episodesPerShard: 2), to: folder.file("d"))
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.file("d/manifest.json"))) as? [String: Any])
        #expect(Set(json.keys) == ["format_version", "world", "world_spec", "policy", "seed", "episodes",
                                   "steps_per_episode", "control_dt", "observations", "action", "bodies",
                                   "shards", "contact_fraction"])
        let shard = try #require((json["shards"] as? [[String: Any]])?.first)
        #expect(Set(shard.keys) == ["file", "first_episode", "episodes", "crc32"])
        #expect(json["format_version"] as? Int == 1)
    }

    @Test("the same episodes give byte-identical folders, whatever the order and threads they are written from")
    func deterministicBytes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 9, steps: 4, episodesPerShard: 2, pixels: true, lidar: true)
        try SyntheticEpisodes.write(manifest, to: folder.file("a"))
        try SyntheticEpisodes.write(manifest, to: folder.file("b"))

        let reversed = try DatasetWriter(destination: folder.file("c"), manifest: manifest, replaceExisting: false)
        for e in (0..<9).reversed() { try reversed.write(episode: e, SyntheticEpisodes.record(e, manifest: manifest)) }
        try reversed.finish()

        let concurrent = try DatasetWriter(destination: folder.file("d"), manifest: manifest, replaceExisting: false)
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 9) { e in
            do { try concurrent.write(episode: 8 - e, SyntheticEpisodes.record(8 - e, manifest: manifest)) }
            catch { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
        try concurrent.finish()

        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("a").path).sorted()
        #expect(names.count == 6)
        for copy in ["b", "c", "d"] {
            for name in names {
                #expect(try Data(contentsOf: folder.file("a/\(name)")) == Data(contentsOf: folder.file("\(copy)/\(name)")),
                        "\(copy)/\(name)")
            }
        }
        let again = try DatasetWriter(destination: folder.file("e"), manifest: manifest, replaceExisting: false)
        try again.write(episode: 3, SyntheticEpisodes.record(3, manifest: manifest))
        #expect(throws: DatasetError.self) { try again.write(episode: 3, SyntheticEpisodes.record(3, manifest: manifest)) }
        #expect(throws: DatasetError.self) { try again.write(episode: 9, SyntheticEpisodes.record(3, manifest: manifest)) }
    }

    @Test("a shard plan depends only on the counts")
    func shardPlan() {
        let plan = ShardLayout.plan(episodes: 10, episodesPerShard: 4)
        #expect(plan.map(\.file) == ["shard-00000.safetensors", "shard-00001.safetensors", "shard-00002.safetensors"])
        #expect(plan.map(\.firstEpisode) == [0, 4, 8])
        #expect(plan.map(\.episodes) == [4, 4, 2])
        var manifest = SyntheticEpisodes.manifest(episodes: 10, steps: 2, episodesPerShard: 4)
        #expect((0..<10).map { manifest.shardIndex(holding: $0) } == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2])
        manifest = SyntheticEpisodes.manifest(episodes: 3, steps: 2, episodesPerShard: 1)
        #expect((0..<3).map { manifest.shardIndex(holding: $0) } == [0, 1, 2])
        #expect(ShardLayout.episodesPerShard(bytesPerEpisode: 1000, maximumBytes: 4500) == 4)
        #expect(ShardLayout.episodesPerShard(bytesPerEpisode: 10_000, maximumBytes: 4500) == 1)
    }

    @Test("world specifications survive the manifest's JSON")
    func worldSpecJSON() throws {
        struct Spec: Codable, Equatable { var name: String; var size: [Double]; var bodies: Int; var soft: Bool? }
        let spec = Spec(name: "push", size: [1.5, 0.25], bodies: 3, soft: nil)
        #expect(try JSONValue(encoding: spec).decode(as: Spec.self) == spec)
    }
}
