import Foundation
import TestSupport
import Testing
import TensorCore
@testable import Trajectories

@Suite("Dataset validation: damaged folders give errors naming the file and field")
struct DatasetValidationTests {
    /// Writes a 5-episode dataset in 3 shards into `folder` and returns its URL.
    private func makeDataset(in folder: TemporaryDirectory) throws -> URL {
        let url = folder.file("data")
        try SyntheticEpisodes.write(SyntheticEpisodes.manifest(episodes: 5, steps: 4, episodesPerShard: 2, pixels: true), to: url)
        return url
    }

    /// Edits manifest.json as a JSON object.
    private func editManifest(_ url: URL, _ edit: (inout [String: Any]) -> Void) throws {
        let file = url.appendingPathComponent("manifest.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: file)
    }

    private func openError(_ url: URL) throws -> DatasetError {
        try #require(throws: DatasetError.self) { try Dataset(url: url) }
    }

    @Test("a missing shard")
    func missingShard() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        try FileManager.default.removeItem(at: url.appendingPathComponent("shard-00001.safetensors"))
        let error = try openError(url)
        #expect(error.path == url.appendingPathComponent("shard-00001.safetensors").path)
        #expect(error.reason.contains("missing shard"))
    }

    @Test("a truncated shard")
    func truncatedShard() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        let shard = url.appendingPathComponent("shard-00002.safetensors")
        let bytes = try Data(contentsOf: shard)
        try bytes.prefix(bytes.count - 10).write(to: shard)
        let error = try openError(url)
        #expect(error.path == shard.path)
        #expect(error.reason.contains("truncated"))
    }

    @Test("a damaged shard header")
    func damagedHeader() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        let shard = url.appendingPathComponent("shard-00000.safetensors")
        var bytes = try Data(contentsOf: shard)
        bytes.replaceSubrange(8..<12, with: Array("####".utf8))
        try bytes.write(to: shard)
        let error = try openError(url)
        #expect(error.path == shard.path)
        #expect(error.reason.contains("JSON"))
    }

    @Test("a damaged byte in a shard's data is caught by its checksum")
    func damagedData() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        let shard = url.appendingPathComponent("shard-00001.safetensors")
        var bytes = try Data(contentsOf: shard)
        bytes[bytes.count - 3] ^= 0x10
        try bytes.write(to: shard)
        _ = try Dataset(url: url)  // headers and sizes are intact: a plain open does not read the data
        let error = try #require(throws: DatasetError.self) { try Dataset(url: url, verifyChecksums: true) }
        #expect(error.path == shard.path)
        #expect(error.field == "crc32")
        #expect(error.reason.contains("damaged"))
    }

    @Test("a malformed checksum in the manifest")
    func malformedChecksum() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        try editManifest(url) { json in
            var shards = json["shards"] as! [[String: Any]]
            shards[0]["crc32"] = -1
            json["shards"] = shards
        }
        let error = try openError(url)
        #expect(error.field == "shards[0].crc32", "\(error)")
        #expect(error.reason == "expected an unsigned 32-bit checksum, found -1")

        try editManifest(url) { json in
            var shards = json["shards"] as! [[String: Any]]
            shards[0]["crc32"] = nil
            json["shards"] = shards
            json["seed"] = -3
        }
        #expect(try openError(url).reason.contains("a number does not fit its field"))
    }

    @Test("a shard whose shapes do not match the manifest")
    func shapeMismatch() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        try editManifest(url) { json in
            var observations = json["observations"] as! [String: Any]
            observations["state"] = ["shape": [SyntheticEpisodes.stateWidth + 1]]
            json["observations"] = observations
        }
        let error = try openError(url)
        #expect(error.path == url.appendingPathComponent("shard-00000.safetensors").path)
        #expect(error.field == "obs.state")
        #expect(error.reason == "expected shape [2, 5, 5] from manifest.json, found [2, 5, 4]")
    }

    @Test("a shard holding a tensor the manifest does not describe")
    func extraTensor() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        try editManifest(url) { json in
            var observations = json["observations"] as! [String: Any]
            observations["pixels"] = nil
            json["observations"] = observations
        }
        let error = try openError(url)
        #expect(error.field == "obs.pixels")
        #expect(error.reason.contains("not described"))
    }

    @Test("a shard of another format version")
    func shardVersion() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        let shardURL = url.appendingPathComponent("shard-00001.safetensors")
        var archive = try SafetensorsArchive(contentsOf: shardURL)
        archive.metadata["format_version"] = "2"
        try archive.write(to: shardURL)
        let error = try openError(url)
        #expect(error.path == shardURL.path)
        #expect(error.field == "__metadata__.format_version")
    }

    @Test("a manifest of another format version")
    func wrongVersion() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        try editManifest(url) { json in
            json["format_version"] = 2
            json["episodes"] = nil  // a newer format may well differ: the version is reported first
        }
        let error = try openError(url)
        #expect(error.path == url.appendingPathComponent("manifest.json").path)
        #expect(error.field == "format_version")
        #expect(error.reason.contains("unsupported version 2"))
    }

    @Test("a manifest with a missing or mistyped field")
    func missingField() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        try editManifest(url) { $0["steps_per_episode"] = nil }
        let missing = try openError(url)
        #expect(missing.field == "steps_per_episode")
        #expect(missing.reason == "missing")

        try editManifest(url) { json in
            json["steps_per_episode"] = 4
            var shards = json["shards"] as! [[String: Any]]
            shards[1]["episodes"] = "two"
            json["shards"] = shards
        }
        let mistyped = try openError(url)
        #expect(mistyped.field == "shards[1].episodes")
    }

    @Test("a manifest whose shards do not tile the episodes")
    func shardsDoNotTile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        try editManifest(url) { json in
            var shards = json["shards"] as! [[String: Any]]
            shards[2]["first_episode"] = 3
            json["shards"] = shards
        }
        let error = try openError(url)
        #expect(error.field == "shards[2].first_episode")
        #expect(error.reason.contains("expected 4"))
    }

    @Test("a manifest that is not JSON, and a folder without a manifest")
    func notJSON() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try makeDataset(in: folder)
        try Data("{ not json".utf8).write(to: url.appendingPathComponent("manifest.json"))
        #expect(try openError(url).path == url.appendingPathComponent("manifest.json").path)
        #expect(try openError(folder.file("nowhere")).reason == "no such dataset folder")
    }

    @Test("manifest validation catches bad bounds, labels and kinds")
    func manifestSemantics() throws {
        var manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 1)
        manifest.action.low = [-1]
        #expect(throws: DatasetError(path: "m", field: "action.low", reason: "expected 2 bounds, found 1")) {
            try manifest.validate(path: "m")
        }
        manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 1)
        manifest.observations["state"]?.labels = ["a"]
        #expect(throws: DatasetError(path: "m", field: "observations.state.labels", reason: "expected 4 labels, found 1")) {
            try manifest.validate(path: "m")
        }
        manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 1)
        manifest.observations["sonar"] = .init(shape: [3])
        #expect(throws: DatasetError.self) { try manifest.validate(path: "m") }
        manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 1)
        manifest.shards[1].file = "../elsewhere.safetensors"
        #expect(throws: DatasetError.self) { try manifest.validate(path: "m") }
    }
}
