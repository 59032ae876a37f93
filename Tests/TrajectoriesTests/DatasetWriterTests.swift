import Foundation
import TestSupport
import Testing
@testable import Trajectories

@Suite("Dataset writer: atomic writes and --force")
struct DatasetWriterTests {
    @Test("an interrupted write leaves nothing that reads as a dataset")
    func interruptedWrite() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let destination = folder.file("data")
        let manifest = SyntheticEpisodes.manifest(episodes: 4, steps: 3, episodesPerShard: 2)
        let writer = try DatasetWriter(destination: destination, manifest: manifest, replaceExisting: false)
        try writer.write(shard: 0, episodes: (0..<2).map { SyntheticEpisodes.record($0, manifest: manifest) })
        // The run stops here: one shard written, no manifest.
        #expect(!FileManager.default.fileExists(atPath: destination.path))
        #expect(throws: DatasetError.self) { try Dataset(url: destination) }
        #expect(FileManager.default.fileExists(atPath: writer.staging.appendingPathComponent("shard-00000.safetensors").path))
        let error = try #require(throws: DatasetError.self) { try Dataset(url: writer.staging) }
        #expect(error.description.contains("manifest.json"))
        #expect(error.description.contains("not a complete dataset"))
        #expect(writer.staging.lastPathComponent.hasPrefix("."), "staging folders are hidden")
        let staging = writer.staging
        writer.discard()
        #expect(!FileManager.default.fileExists(atPath: staging.path))
    }

    @Test("finish refuses while a shard is missing")
    func finishNeedsEveryShard() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 4, steps: 3, episodesPerShard: 2)
        let writer = try DatasetWriter(destination: folder.file("data"), manifest: manifest, replaceExisting: false)
        try writer.write(shard: 1, episodes: (2..<4).map { SyntheticEpisodes.record($0, manifest: manifest) })
        let error = try #require(throws: DatasetError.self) { try writer.finish() }
        #expect(error.description.contains("shard-00000.safetensors"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("data").path))
    }

    @Test("an interrupted replacement leaves the old dataset intact")
    func interruptedReplacement() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let destination = folder.file("data")
        let old = try SyntheticEpisodes.write(SyntheticEpisodes.manifest(episodes: 3, steps: 2, episodesPerShard: 3), to: destination)
        let manifest = SyntheticEpisodes.manifest(episodes: 4, steps: 3, episodesPerShard: 2, seed: 99)
        let writer = try DatasetWriter(destination: destination, manifest: manifest, replaceExisting: true)
        try writer.write(shard: 0, episodes: (0..<2).map { SyntheticEpisodes.record($0, manifest: manifest) })
        #expect(try Dataset(url: destination).manifest == old)
        writer.discard()
        #expect(try Dataset(url: destination).manifest == old)
    }

    @Test("an existing dataset is only replaced with --force")
    func force() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let destination = folder.file("data")
        try SyntheticEpisodes.write(SyntheticEpisodes.manifest(episodes: 3, steps: 2, episodesPerShard: 1), to: destination)
        let replacement = SyntheticEpisodes.manifest(episodes: 2, steps: 4, episodesPerShard: 2, seed: 8)
        let error = try #require(throws: DatasetError.self) {
            try DatasetWriter(destination: destination, manifest: replacement, replaceExisting: false)
        }
        #expect(error.description.contains(destination.path))
        #expect(error.description.contains("--force"))
        #expect(try Dataset(url: destination).manifest.episodes == 3)

        let written = try SyntheticEpisodes.write(replacement, to: destination, replaceExisting: true)
        let dataset = try Dataset(url: destination)
        #expect(dataset.manifest == written)
        #expect(dataset.manifest.seed == 8)
        let names = try FileManager.default.contentsOfDirectory(atPath: destination.path).sorted()
        #expect(names == ["manifest.json", "shard-00000.safetensors"], "old shards are gone")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(siblings == ["data"], "no staging or replaced folders are left behind")
    }

    @Test("--force never replaces a folder that is not a dataset, nor a file")
    func forceRefusesStrangers() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 2)
        let documents = folder.file("documents")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: documents.appendingPathComponent("thesis.txt"))
        let error = try #require(throws: DatasetError.self) {
            try DatasetWriter(destination: documents, manifest: manifest, replaceExisting: true)
        }
        #expect(error.description.contains("thesis.txt"))
        #expect(FileManager.default.fileExists(atPath: documents.appendingPathComponent("thesis.txt").path))

        let file = folder.file("file")
        try Data("x".utf8).write(to: file)
        #expect(throws: DatasetError.self) { try DatasetWriter(destination: file, manifest: manifest, replaceExisting: true) }
    }

    @Test("an empty folder is written into without --force")
    func emptyFolder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let destination = folder.file("empty")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        try SyntheticEpisodes.write(SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 2), to: destination)
        #expect(try Dataset(url: destination).manifest.episodes == 2)
    }

    @Test("staging folders of dead processes are cleaned up")
    func abandonedStaging() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // PIDs are below 2^22 on Linux, so this one never runs.
        let stale = folder.file(".data.partial-99999999-deadbeef")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try SyntheticEpisodes.write(SyntheticEpisodes.manifest(episodes: 2, steps: 2, episodesPerShard: 2), to: folder.file("data"))
        #expect(!FileManager.default.fileExists(atPath: stale.path))
    }

    @Test("episodes that do not fit the manifest are rejected, naming the field")
    func wrongEpisodeShape() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 2, steps: 3, episodesPerShard: 2)
        let writer = try DatasetWriter(destination: folder.file("data"), manifest: manifest, replaceExisting: false)
        var bad = SyntheticEpisodes.record(1, manifest: manifest)
        bad.actions.removeLast()
        let error = try #require(throws: DatasetError.self) {
            try writer.write(shard: 0, episodes: [SyntheticEpisodes.record(0, manifest: manifest), bad])
        }
        #expect(error.field == "episodes[1].actions")
        #expect(error.reason == "expected 6 values, found 5")
    }
}
