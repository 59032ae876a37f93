import Foundation
import Simulation
import Trajectories

/// What `foresight check` validates, told apart by what the path holds.
public enum CheckedKind: String, Sendable, Equatable {
    /// A world file (YAML).
    case world
    /// A dataset folder (`manifest.json` and shards).
    case dataset
    /// A run folder (`best.safetensors`, `last.safetensors`).
    case run
    /// One checkpoint file (`.safetensors`) of a run.
    case checkpoint
}

/// Validates a world file, a dataset or a run completely, through the same checks the commands that read them use.
///
/// Each check throws the first problem (an error naming the file and the field) or returns a short summary of what
/// it found valid.
public enum PathCheck {
    /// The kind of thing at `url`: a folder holding `manifest.json` is a dataset, one holding a checkpoint a run, a
    /// `.safetensors` file a checkpoint, any other file a world file; nil for a missing path or a folder holding neither.
    public static func kind(of url: URL) -> CheckedKind? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return url.pathExtension == "safetensors" ? .checkpoint : .world }
        if FileManager.default.fileExists(atPath: url.appendingPathComponent(DatasetManifest.fileName).path) { return .dataset }
        if RunCheckpointFile.allCases.contains(where: { FileManager.default.fileExists(atPath: $0.url(in: url).path) }) { return .run }
        return nil
    }

    /// Checks what is at `url` as a `kind`; returns summary lines.
    public static func check(_ url: URL, as kind: CheckedKind) throws -> [String] {
        switch kind {
        case .world: return [try summary(of: WorldSpec.load(from: url))]
        case .dataset: return [try checkDataset(Dataset(url: url, verifyChecksums: true))]
        case .run: return try checkRun(url)
        case .checkpoint: return [try summary(of: RunModels(contentsOf: url).record, checkpoints: [url.lastPathComponent])]
        }
    }

    /// One line about a valid world.
    static func summary(of spec: WorldSpec) -> String {
        let robot: String
        switch spec.robot {
        case let .pusher(p): robot = "pusher '\(p.name)'"
        case let .arm(a): robot = "arm '\(a.name)' (\(a.links.count) links)"
        case let .diffDrive(d): robot = "diffdrive '\(d.name)'"
        }
        return "world '\(spec.name)': \(robot), \(spec.objects.count) objects, table \(spec.table.size.x) × \(spec.table.size.y) m, "
            + "time step \(spec.physics.timeStep) s × \(spec.physics.substeps) substeps"
    }

    /// Reads every episode of the opened (and checksum-verified) `dataset` and checks its values; one line about it.
    static func checkDataset(_ dataset: Dataset) throws -> String {
        for index in 0..<dataset.episodeCount {
            try dataset.checkValues(of: dataset.episode(index))
        }
        let manifest = dataset.manifest
        let observations = manifest.observationKinds.map { "\($0.rawValue) \(manifest.observation($0)!.shape)" }
        return "dataset of world '\(manifest.world)': \(manifest.episodes) episodes × \(manifest.stepsPerEpisode) steps, "
            + "\(manifest.bodies.count) bodies, observations \(observations.joined(separator: ", ")); "
            + (manifest.shards.count == 1 ? "1 shard matches its CRC-32, " : "\(manifest.shards.count) shards match their CRC-32, ")
            + "every value finite and within ±\(String(format: "%g", Dataset.valueBound))"
    }

    /// One line about a run whose `checkpoints` were verified.
    static func summary(of record: RunRecord, checkpoints: [String]) -> String {
        let epochs = record.history.count
        return "run on world '\(record.data.world)': \(record.config.input.rawValue) input, forward \(record.config.forward.rawValue), "
            + "phase \(record.phase.name), \(epochs) epoch\(epochs == 1 ? "" : "s"); "
            + "checkpoint\(checkpoints.count == 1 ? "" : "s") \(checkpoints.joined(separator: ", ")) verified"
    }

    /// Loads every checkpoint of the run folder `url` (record limits, tensor checksum and sizes against the config),
    /// then checks the dataset it records, when that dataset is present; summary lines.
    static func checkRun(_ url: URL) throws -> [String] {
        var records: [(file: RunCheckpointFile, record: RunRecord)] = []
        for file in RunCheckpointFile.allCases where FileManager.default.fileExists(atPath: file.url(in: url).path) {
            records.append((file, try RunModels(contentsOf: file.url(in: url)).record))
        }
        guard let (_, record) = records.last else {
            throw RunError.missing(path: url.path, what: "no checkpoint (best.safetensors or last.safetensors): not a run folder")
        }
        if let (file, other) = records.first, other.config != record.config || other.data != record.data {
            throw RunError.corrupt(path: file.url(in: url).path,
                                   reason: "its config or data signature differs from \(records.last!.file.rawValue).safetensors' "
                                       + "(checkpoints of different runs in one folder)")
        }
        var lines = [summary(of: record, checkpoints: records.map(\.file.rawValue))]
        guard let reference = record.dataset else {
            return lines + ["the run does not record its dataset (trained before runs noted theirs)"]
        }
        guard FileManager.default.fileExists(atPath: reference.absolutePath) else {
            return lines + ["its dataset \(reference.absolutePath) is not here (not checked; eval needs --data)"]
        }
        let checkpoint = records.last!.file.url(in: url).path
        let data = try RunDataset(recordedIn: record, checkpoint: checkpoint, verifyChecksums: true)
        try record.checkCompatible(with: data.signature, at: data.dataset.url.path, for: .evaluation)
        lines.append(try checkDataset(data.dataset))
        return lines
    }
}
