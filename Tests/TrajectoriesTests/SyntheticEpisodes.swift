import Foundation
import TensorCore
@testable import Trajectories

/// Small datasets whose every value encodes where it came from, so reads can be checked exactly.
///
/// State entry `j` of episode `e` at time `t` is `1000 e + t + j / 100`; action entry `j` of
/// step `t` is `1000 e + t + 0.5 + j / 100`; pixel byte `k` at time `t` is `(7 e + 3 t + k) mod 256`;
/// the robot touches an object in steps where `(e + t) mod 3 == 0`.
enum SyntheticEpisodes {
    static let stateWidth = 4
    static let actionWidth = 2
    static let pixelShape = [3, 2, 3]

    static func manifest(episodes: Int, steps: Int, episodesPerShard: Int,
                         pixels: Bool = false, lidar: Bool = false, seed: UInt64 = 7) -> DatasetManifest {
        var observations = ["state": DatasetManifest.Observation(
            shape: [stateWidth], labels: ["robot.x", "robot.y", "box.x", "box.y"])]
        if pixels { observations["pixels"] = DatasetManifest.Observation(shape: pixelShape) }
        if lidar { observations["lidar"] = DatasetManifest.Observation(shape: [5]) }
        return DatasetManifest(
            world: "synthetic", worldSpec: .object(["name": .string("synthetic"), "size": .number(1.5)]),
            policy: "random", seed: seed, episodes: episodes, stepsPerEpisode: steps, controlTimeStep: 0.1,
            observations: observations,
            action: .init(shape: [actionWidth], low: [-1, -1], high: [1, 1]),
            bodies: [.init(name: "robot", role: "robot"), .init(name: "box", role: "object")],
            shards: ShardLayout.plan(episodes: episodes, episodesPerShard: episodesPerShard))
    }

    static func state(_ e: Int, _ t: Int, _ j: Int) -> Float { Float(1000 * e + t) + Float(j) / 100 }
    static func action(_ e: Int, _ t: Int, _ j: Int) -> Float { Float(1000 * e + t) + 0.5 + Float(j) / 100 }
    static func pixel(_ e: Int, _ t: Int, _ k: Int) -> UInt8 { UInt8((7 * e + 3 * t + k) % 256) }
    static func touches(_ e: Int, _ t: Int) -> Bool { (e + t) % 3 == 0 }

    static func record(_ e: Int, manifest: DatasetManifest) -> EpisodeRecord {
        let steps = manifest.stepsPerEpisode
        let pixelWidth = pixelShape.reduce(1, *)
        return EpisodeRecord(
            seed: UInt64.max - UInt64(e),
            state: (0...steps).flatMap { t in (0..<stateWidth).map { state(e, t, $0) } },
            pixels: manifest.observation(.pixels) == nil ? nil
                : (0...steps).flatMap { t in (0..<pixelWidth).map { pixel(e, t, $0) } },
            lidar: manifest.observation(.lidar) == nil ? nil
                : (0...steps).flatMap { t in (0..<5).map { Float(t + $0) } },
            actions: (0..<steps).flatMap { t in (0..<actionWidth).map { action(e, t, $0) } },
            rewards: (0..<steps).map { Float(-$0) / 10 },
            contacts: (0..<steps).map { touches(e, $0) ? 1 : 0 },
            terminated: (0..<steps).map { $0 == steps - 1 && e % 2 == 0 ? 1 : 0 })
    }

    /// Writes the whole dataset described by `manifest` to `url` and returns the written manifest.
    @discardableResult
    static func write(_ manifest: DatasetManifest, to url: URL, replaceExisting: Bool = false) throws -> DatasetManifest {
        let writer = try DatasetWriter(destination: url, manifest: manifest, replaceExisting: replaceExisting)
        for (index, shard) in manifest.shards.enumerated() {
            try writer.write(shard: index, episodes: shard.episodeRange.map { record($0, manifest: manifest) })
        }
        return try writer.finish()
    }
}
