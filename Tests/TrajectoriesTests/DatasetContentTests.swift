import Foundation
import TestSupport
import Testing
@testable import Trajectories

/// What a manifest may claim about its bodies and numbers, and what a shard's values may be.
@Suite("Dataset contents: bodies, numbers that do not fit, absurd values")
struct DatasetContentTests {
    @Test func aManifestListingOtherBodiesThanTheStateIsRefused() throws {
        var manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 1)
        manifest.bodies.removeLast()
        #expect(throws: DatasetError(path: "m", field: "bodies",
                                     reason: "lists 1 bodies (robot) but observations.state.labels hold positions of 2 (robot, box)")) {
            try manifest.validate(path: "m")
        }
        manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 1)
        manifest.bodies.reverse()
        #expect(throws: DatasetError(path: "m", field: "bodies",
                                     reason: "lists 2 bodies (box, robot) but observations.state.labels hold positions of 2 (robot, box)")) {
            try manifest.validate(path: "m")
        }
    }

    @Test func aBodyNameWithAControlCharacterIsRefusedAndPrintedEscaped() throws {
        var manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 1)
        manifest.bodies[1].name = "bo\u{1b}x"
        #expect(throws: DatasetError(path: "m", field: "bodies[1].name",
                                     reason: "expected a non-empty name without control characters, found 'bo\\u{1b}x'")) {
            try manifest.validate(path: "m")
        }
    }

    @Test(arguments: [("seed", -5.0), ("episodes", 2.5), ("steps_per_episode", 1e30)])
    func aNumberThatDoesNotFitNamesItsField(field: String, value: Double) throws {
        let manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 1)
        var json = try #require(try JSONSerialization.jsonObject(with: manifest.encoded()) as? [String: Any])
        json[field] = value
        let error = try #require(throws: DatasetError.self) {
            try DatasetManifest(data: JSONSerialization.data(withJSONObject: json), path: "m.json")
        }
        #expect(error.field == field, "\(error)")
        #expect(error.reason.hasPrefix("a number does not fit its field"), "\(error)")
    }

    @Test func aNestedNumberThatDoesNotFitNamesItsPath() throws {
        let manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 1)
        var json = try #require(try JSONSerialization.jsonObject(with: manifest.encoded()) as? [String: Any])
        var shards = try #require(json["shards"] as? [[String: Any]])
        shards[1]["first_episode"] = 0.5
        json["shards"] = shards
        let error = try #require(throws: DatasetError.self) {
            try DatasetManifest(data: JSONSerialization.data(withJSONObject: json), path: "m.json")
        }
        #expect(error.field == "shards[1].first_episode", "\(error)")
    }

    @Test func finiteButAbsurdValuesAreRefusedNamingShardTensorEpisodeAndEntry() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = folder.file("d")
        let manifest = SyntheticEpisodes.manifest(episodes: 4, steps: 3, episodesPerShard: 2)
        let writer = try DatasetWriter(destination: url, manifest: manifest, replaceExisting: false)
        for (index, shard) in manifest.shards.enumerated() {
            try writer.write(shard: index, episodes: shard.episodeRange.map { e in
                var record = SyntheticEpisodes.record(e, manifest: manifest)
                if e == 3 { record.state[2 * SyntheticEpisodes.stateWidth + 2] = 1e30 }
                if e == 1 { record.actions[1] = -2e6 }
                return record
            })
        }
        _ = try writer.finish()
        let dataset = try Dataset(url: url, verifyChecksums: true)
        try dataset.checkValues(of: dataset.episode(0))
        #expect(throws: DatasetError(path: url.appendingPathComponent("shard-00001.safetensors").path, field: "obs.state",
                                     reason: "episode 3 holds 1e+30 at step 2, entry 2 (box.x), beyond ±1e+06 (no valid world produces it)")) {
            try dataset.checkValues(of: dataset.episode(3))
        }
        #expect(throws: DatasetError(path: url.appendingPathComponent("shard-00000.safetensors").path, field: "actions",
                                     reason: "episode 1 holds -2000000.0 at step 0, entry 1, beyond ±1e+06 (no valid world produces it)")) {
            try dataset.checkValues(of: dataset.episode(1))
        }
    }
}
