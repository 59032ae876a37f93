import Foundation
import Simulation
import TensorCore

/// A dataset folder opened for reading: validated up front, read lazily.
///
/// Opening reads `manifest.json`, validates it, and opens every shard memory-mapped,
/// checking that it holds exactly the tensors the manifest implies, with the right
/// dtypes and shapes. A missing or truncated shard, a shape that does not match, or a
/// manifest of another format version is an error naming the file and the field.
/// Nothing else is read until episodes are asked for; then only the
/// elements needed are copied out of the mapped files.
public struct Dataset: Sendable {
    /// The dataset folder.
    public let url: URL
    /// The validated manifest.
    public let manifest: DatasetManifest
    let shards: [SafetensorsFile]
    let splits: [DatasetSplit: [Int]]

    /// Opens and validates the dataset folder at `url`.
    ///
    /// With `verifyChecksums`, every shard is also read in full and its CRC-32 compared
    /// with the manifest's, which catches damage anywhere in the data (not only in the
    /// headers and sizes), at the cost of reading the whole dataset once.
    public init(url: URL, verifyChecksums: Bool = false) throws {
        let url = url.standardizedFileURL
        let manifestURL = url.appendingPathComponent(DatasetManifest.fileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatasetError(path: url.path, reason: "no such dataset folder")
        }
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            throw DatasetError(path: manifestURL.path,
                               reason: "missing: not a complete dataset (an interrupted or unfinished run?)")
        }
        let manifest = try DatasetManifest(contentsOf: manifestURL)
        self.url = url
        self.manifest = manifest
        self.shards = try manifest.shards.map { try Self.openShard($0, in: url, manifest: manifest) }
        if verifyChecksums { try Self.verifyChecksums(of: manifest.shards, in: url) }
        self.splits = Self.splitEpisodes(count: manifest.episodes)
    }

    /// Opens one shard and checks its tensors and metadata against the manifest.
    private static func openShard(_ shard: DatasetManifest.Shard, in folder: URL, manifest: DatasetManifest) throws -> SafetensorsFile {
        let fileURL = folder.appendingPathComponent(shard.file)
        let path = fileURL.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw DatasetError(path: path, reason: "missing shard (listed in manifest.json as holding episodes \(shard.episodeRange))")
        }
        let file: SafetensorsFile
        do {
            file = try SafetensorsFile(url: fileURL)
        } catch let error as SafetensorsError {
            throw DatasetError(path: path, reason: error.reason)
        }
        let expected = ShardLayout.tensors(of: manifest, episodes: shard.episodes)
        for spec in expected {
            guard let entry = file.entries[spec.name] else {
                throw DatasetError(path: path, field: spec.name, reason: "missing tensor (manifest.json expects \(spec.dtype.rawValue) \(spec.shape))")
            }
            guard entry.dtype == spec.dtype else {
                throw DatasetError(path: path, field: spec.name, reason: "expected dtype \(spec.dtype.rawValue), found \(entry.dtype.rawValue)")
            }
            guard entry.shape == spec.shape else {
                throw DatasetError(path: path, field: spec.name, reason: "expected shape \(spec.shape) from manifest.json, found \(entry.shape)")
            }
        }
        let known = Set(expected.map(\.name))
        if let extra = file.names.first(where: { !known.contains($0) }) {
            throw DatasetError(path: path, field: extra, reason: "tensor not described by manifest.json")
        }
        let version = file.metadata["format_version"]
        guard version == String(manifest.formatVersion) else {
            throw DatasetError(path: path, field: "__metadata__.format_version",
                               reason: "expected \"\(manifest.formatVersion)\" as in manifest.json, found \(version.map { "\"\($0)\"" } ?? "none")")
        }
        return file
    }

    /// Reads every shard in full, on every core (a shard per worker), and compares its CRC-32 with the manifest's;
    /// throws the error of the first shard (in manifest order) that differs or records no checksum.
    private static func verifyChecksums(of shards: [DatasetManifest.Shard], in folder: URL) throws {
        let errors = Locked([(any Error)?](repeating: nil, count: shards.count))
        DispatchQueue.concurrentPerform(iterations: shards.count) { index in
            let path = folder.appendingPathComponent(shards[index].file).path
            do {
                guard let expected = shards[index].crc32 else {
                    throw DatasetError(path: path, field: "crc32", reason: "manifest.json records no checksum to verify against")
                }
                let found = try CRC32.checksum(ofFile: URL(fileURLWithPath: path))
                guard found == expected else {
                    throw DatasetError(path: path, field: "crc32",
                                       reason: "the file is damaged: its CRC-32 is \(found), manifest.json records \(expected)")
                }
            } catch {
                errors.withLock { $0[index] = error }
            }
        }
        if let error = errors.withLock({ $0.lazy.compactMap { $0 }.first }) { throw error }
    }

    /// The number of episodes.
    public var episodeCount: Int { manifest.episodes }
    /// The number of control steps per episode.
    public var stepsPerEpisode: Int { manifest.stepsPerEpisode }

    /// The width of one observation of `kind` (flattened), or an error if it was not recorded.
    public func observationWidth(_ kind: ObservationKind) throws -> Int {
        guard let observation = manifest.observation(kind) else {
            throw DatasetError(path: url.appendingPathComponent(DatasetManifest.fileName).path,
                               field: "observations.\(kind.rawValue)",
                               reason: "not recorded in this dataset (recorded: \(manifest.observationKinds.map(\.rawValue).joined(separator: ", ")))")
        }
        return observation.width
    }

    /// The shard file holding episode `index` (for messages about its contents).
    public func shardURL(holding index: Int) -> URL {
        url.appendingPathComponent(manifest.shards[manifest.shardIndex(holding: min(max(index, 0), manifest.episodes - 1))].file)
    }

    /// The shard holding episode `index` and the episode's position inside it.
    func locate(episode index: Int) throws -> (file: SafetensorsFile, local: Int) {
        guard (0..<manifest.episodes).contains(index) else {
            throw DatasetError(path: url.path, field: "episode", reason: "index \(index) out of 0..<\(manifest.episodes)")
        }
        let shard = manifest.shardIndex(holding: index)
        return (shards[shard], index - manifest.shards[shard].firstEpisode)
    }

    /// Copies time steps `times` of episode `index` from a `[E, rows, width...]` tensor.
    func read<Element: TensorElement>(_ name: String, episode index: Int, rowsPerEpisode: Int,
                                      times: Range<Int>, width: Int, as type: Element.Type = Element.self) throws -> [Element] {
        let (file, local) = try locate(episode: index)
        let start = (local * rowsPerEpisode + times.lowerBound) * width
        do {
            return try file.elements(name, range: start..<(start + times.count * width), as: type)
        } catch let error as SafetensorsError {
            throw DatasetError(path: error.path, field: name, reason: error.reason)
        }
    }
}
