import Foundation
import Trajectories

/// A small dataset on disk whose every value encodes where it came from, so reads can be checked exactly.
///
/// State entry `j` of episode `e` at step `t` is `1000 e + t + j / 100`, action entry `j` is that plus 0.5,
/// pixel byte `k` is `(7 e + 3 t + k) mod 256` (4x4 RGB images), lidar range `j` is `e + t / 10 + j / 100`.
enum CodedDataset {
    static let side = 4
    static let lidarRays = 3
    static let labels = ["robot.x", "robot.y", "box.x", "box.y"]

    static func state(_ e: Int, _ t: Int, _ j: Int) -> Float { Float(1000 * e + t) + Float(j) / 100 }
    static func action(_ e: Int, _ t: Int, _ j: Int) -> Float { state(e, t, j) + 0.5 }
    static func pixel(_ e: Int, _ t: Int, _ k: Int) -> UInt8 { UInt8((7 * e + 3 * t + k) % 256) }
    static func lidar(_ e: Int, _ t: Int, _ j: Int) -> Float { Float(e) + Float(t) / 10 + Float(j) / 100 }

    /// Writes `episodes` episodes of `steps` steps (state, pixels and lidar) to `url`; with `poisoned`, that episode's
    /// first state entry at step 1 is NaN (a damaged dataset whose checksums still match).
    static func write(to url: URL, episodes: Int, steps: Int, poisoned: Int? = nil) throws {
        let manifest = DatasetManifest(
            world: "coded", worldSpec: .object(["name": .string("coded")]), policy: "random", seed: 1,
            episodes: episodes, stepsPerEpisode: steps, controlTimeStep: 0.1,
            observations: ["state": .init(shape: [labels.count], labels: labels), "pixels": .init(shape: [side, side, 3]),
                           "lidar": .init(shape: [lidarRays])],
            action: .init(shape: [2], low: [-1, -1], high: [1, 1]),
            bodies: [.init(name: "robot", role: "robot"), .init(name: "box", role: "object")],
            shards: ShardLayout.plan(episodes: episodes, episodesPerShard: 3))
        let writer = try DatasetWriter(destination: url, manifest: manifest, replaceExisting: false)
        for (index, shard) in manifest.shards.enumerated() {
            try writer.write(shard: index, episodes: shard.episodeRange.map { e in
                EpisodeRecord(seed: UInt64(e),
                              state: (0...steps).flatMap { t in
                                  labels.indices.map { j in e == poisoned && t == 1 && j == 0 ? .nan : state(e, t, j) }
                              },
                              pixels: (0...steps).flatMap { t in (0..<(side * side * 3)).map { pixel(e, t, $0) } },
                              lidar: (0...steps).flatMap { t in (0..<lidarRays).map { lidar(e, t, $0) } },
                              actions: (0..<steps).flatMap { t in (0..<2).map { action(e, t, $0) } },
                              rewards: [Float](repeating: 0, count: steps), contacts: [UInt8](repeating: 0, count: steps),
                              terminated: [UInt8](repeating: 0, count: steps))
            })
        }
        _ = try writer.finish()
    }
}
