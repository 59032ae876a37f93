import Foundation
import TensorCore
import Trajectories

/// A dataset opened for a run: its reader, its signature, and the reference a run records (path, manifest checksum).
public struct RunDataset: Sendable {
    /// The opened dataset.
    public let dataset: Dataset
    /// What the dataset holds, as a run's models see it.
    public let signature: DataSignature
    /// Where it is and its manifest's CRC-32.
    public let reference: DatasetReference

    /// Opens the dataset folder at `path` (relative to the working directory, or absolute).
    ///
    /// With `verifyChecksums` (the default) every shard is read once and its CRC-32 compared with the manifest's,
    /// so flipped bytes anywhere in the data stop the run with an error naming the shard.
    public init(path: String, verifyChecksums: Bool = true) throws {
        dataset = try Dataset(url: URL(fileURLWithPath: path), verifyChecksums: verifyChecksums)
        signature = try DataSignature(manifest: dataset.manifest, path: path)
        reference = DatasetReference(path: path, absolutePath: dataset.url.path,
                                     manifestCRC32: try CRC32.checksum(ofFile: dataset.url.appendingPathComponent(DatasetManifest.fileName)))
    }

    /// Opens the dataset `record` says its run was trained on (the record read from `checkpoint`).
    ///
    /// Throws `RunError.missing` when the record names no dataset (runs trained before runs noted theirs) and
    /// `RunError.changed` when the dataset's manifest is not the one the run was trained on.
    public init(recordedIn record: RunRecord, checkpoint: String, verifyChecksums: Bool = true) throws {
        guard let recorded = record.dataset else {
            throw RunError.missing(path: checkpoint, what: "the run does not record the dataset it was trained on "
                                   + "(it was trained before runs noted theirs): name the dataset (--data DATASET)")
        }
        try self.init(path: recorded.absolutePath, verifyChecksums: verifyChecksums)
        try requireUnchanged(since: recorded)
    }

    /// Throws `RunError.changed` when the manifest's checksum differs from `recorded`'s.
    public func requireUnchanged(since recorded: DatasetReference) throws {
        guard reference.manifestCRC32 == recorded.manifestCRC32 else {
            throw RunError.changed(path: dataset.url.appendingPathComponent(DatasetManifest.fileName).path,
                                   field: DatasetReference.checksumField, recorded: recorded.manifestCRC32,
                                   found: reference.manifestCRC32)
        }
    }

    /// The episodes of `split` in memory, with the observations `config`'s models read.
    public func episodes(_ split: DatasetSplit, for config: WorldModelConfig) throws -> EpisodeData {
        try EpisodeData(dataset: dataset, split: split, pixels: config.input.readsPixels, pooling: config.pixelPooling,
                        signature: signature)
    }
}
