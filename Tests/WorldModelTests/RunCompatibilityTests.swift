import Foundation
import Simulation
import TensorCore
import TestSupport
import Testing
import Trajectories
@testable import WorldModel

/// What a run records about its data, and the one check of whether data fits a run.
@Suite struct RunCompatibilityTests {
    static let labels = ["robot.x", "robot.y", "block.x", "block.y"]

    static func record(input: EncoderInput = .pixels, pixels: [Int]? = [16, 16, 3]) -> RunRecord {
        var config = WorldModelConfig()
        config.input = input
        config.pixelPooling = 2
        config.stateFrame = .world  // the synthetic bodies have positions only
        var observations: [ObservationKind: DatasetManifest.Observation] = [.state: .init(shape: [4], labels: labels)]
        observations[.pixels] = pixels.map { DatasetManifest.Observation(shape: $0) }
        return RunRecord(config: config, data: DataSignature(world: "synthetic", observations: observations, actionSize: 2,
                                                             bodies: SyntheticWorld.bodies))
    }

    @Test func aSignatureRecordedWithAnImageSideStillDecodes() throws {
        let old = """
            {"world":"push","stateSize":4,"stateLabels":["robot.x","robot.y","block.x","block.y"],"actionSize":2,"pixelSide":16,
             "bodies":[{"name":"robot","isObject":false,"xColumn":0,"yColumn":1}],"squareSymmetric":true}
            """
        let signature = try JSONDecoder().decode(DataSignature.self, from: Data(old.utf8))
        #expect(signature.observations == ["state": .init(shape: [4], labels: Self.labels), "pixels": .init(shape: [16, 16, 3])])
        #expect(signature.stateSize == 4 && signature.pixelSide == 16 && signature.squareSymmetric == true && signature.pointAction == nil)
        let stateOnly = old.replacingOccurrences(of: "\"pixelSide\":16", with: "\"pixelSide\":0")
        #expect(try JSONDecoder().decode(DataSignature.self, from: Data(stateOnly.utf8)).observations.keys.sorted() == ["state"])
        let again = try JSONDecoder().decode(DataSignature.self, from: JSONEncoder().encode(signature))
        #expect(again == signature)
    }

    @Test func theDataMustMatchWhatTheRunReads() throws {
        let run = Self.record()
        func signature(state: [String] = Self.labels, action: Int = 2, pixels: [Int]? = [16, 16, 3]) -> DataSignature {
            var observations: [ObservationKind: DatasetManifest.Observation] = [.state: .init(shape: [state.count], labels: state)]
            observations[.pixels] = pixels.map { DatasetManifest.Observation(shape: $0) }
            return DataSignature(world: "synthetic", observations: observations, actionSize: action, bodies: SyntheticWorld.bodies)
        }
        func mismatch(_ field: String, _ expected: String, _ found: String) -> RunError {
            .mismatch(path: "d", field: field, expected: expected, found: found)
        }
        try run.checkCompatible(with: signature(), at: "d", for: .evaluation)
        #expect(throws: mismatch("observations.state.shape", "[4]", "[5]")) {
            try run.checkCompatible(with: signature(state: Self.labels + ["extra"]), at: "d", for: .statePrediction)
        }
        #expect(throws: mismatch("observations.state.labels", Self.labels.joined(separator: ","), "robot.x,robot.y,box.x,box.y")) {
            try run.checkCompatible(with: signature(state: ["robot.x", "robot.y", "box.x", "box.y"]), at: "d", for: .evaluation)
        }
        #expect(throws: mismatch("action.shape", "[2]", "[3]")) { try run.checkCompatible(with: signature(action: 3), at: "d", for: .training) }
        #expect(throws: mismatch("observations.pixels.shape", "[16, 16, 3]", "[8, 8, 3]")) {
            try run.checkCompatible(with: signature(pixels: [8, 8, 3]), at: "d", for: .evaluation)
        }
        #expect { try run.checkCompatible(with: signature(pixels: nil), at: "d", for: .evaluation) } throws: { error in
            guard case let .mismatch("d", field, _, found)? = error as? RunError else { return false }
            return field == "observations.pixels" && found.hasPrefix("no pixels")
        }
        // Rolling the state models needs no images; a state-input run needs none either.
        try run.checkCompatible(with: signature(pixels: [8, 8, 3]), at: "d", for: .statePrediction)
        try Self.record(input: .state, pixels: nil).checkCompatible(with: signature(pixels: nil), at: "d", for: .training)
        // A fresh run's images must pool evenly.
        let odd = Self.record(pixels: [15, 15, 3])
        #expect(throws: mismatch("observations.pixels.shape", "a square image whose side is a multiple of the pooling 2", "[15, 15, 3]")) {
            try odd.checkCompatible(with: signature(pixels: [15, 15, 3]), at: "d", for: .training)
        }
    }

    @Test func symmetryAugmentationIsCheckedForTrainingOnly() throws {
        var run = Self.record(input: .state, pixels: nil)
        run.config.stateAugmentation = .squareSymmetries
        run.config.stateFrame = .world
        #expect { try run.checkCompatible(with: run.data, at: "d", for: .training) } throws: { error in
            guard case let .mismatch("d", field, _, found)? = error as? RunError else { return false }
            return field == "world_spec" && found == "world 'synthetic'"
        }
        try run.checkCompatible(with: run.data, at: "d", for: .evaluation)
    }

    @Test func theRunFindsItsDatasetAgainAndNoticesChanges() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try CodedDataset.write(to: folder.file("d"), episodes: 5, steps: 2)
        let opened = try RunDataset(path: folder.file("d").path)
        let manifest = folder.file("d/manifest.json")
        #expect(opened.reference == DatasetReference(path: folder.file("d").path, absolutePath: folder.file("d").path,
                                                     manifestCRC32: try CRC32.checksum(of: Data(contentsOf: manifest))))
        var record = RunRecord(config: WorldModelConfig(), data: opened.signature, dataset: opened.reference)
        let found = try RunDataset(recordedIn: record, checkpoint: "run/best.safetensors")
        #expect(found.reference.absolutePath == opened.reference.absolutePath && found.signature == opened.signature)

        let original = try Data(contentsOf: manifest)
        try (original + Data("\n".utf8)).write(to: manifest)
        let changed = try CRC32.checksum(of: Data(contentsOf: manifest))
        #expect(throws: RunError.changed(path: manifest.path, field: "dataset.manifestCRC32", recorded: opened.reference.manifestCRC32,
                                         found: changed)) {
            try RunDataset(recordedIn: record, checkpoint: "run/best.safetensors")
        }
        record.dataset = nil
        #expect { try RunDataset(recordedIn: record, checkpoint: "run/best.safetensors") } throws: { error in
            guard case let .missing(path, what)? = error as? RunError else { return false }
            return path == "run/best.safetensors" && what.contains("--data")
        }
    }
}
