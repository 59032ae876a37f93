import Foundation
import Simulation
import TensorCore
import Trajectories
@testable import WorldModel

/// A tiny deterministic world for tests: a robot dot moved by the action pushes a block it touches.
///
/// State `[robot.x, robot.y, block.x, block.y]` in `[-1, 1]`; images `side x side` RGB with the
/// robot red and the block blue on grey; optionally a 360° lidar on the robot (`lidar(_:rays:)`).
enum SyntheticWorld {
    static let bodies = [
        EpisodeData.BodyPositionColumns(name: "robot", isObject: false, xColumn: 0, yColumn: 1),
        EpisodeData.BodyPositionColumns(name: "block", isObject: true, xColumn: 2, yColumn: 3),
    ]

    /// The signature of `data(...)` with images `side` pixels square and, when `lidarRays > 0`, a lidar of that many rays.
    static func signature(side: Int, lidarRays: Int = 0) -> DataSignature {
        var observations: [ObservationKind: DatasetManifest.Observation] = [
            .state: .init(shape: [4], labels: ["robot.x", "robot.y", "block.x", "block.y"]), .pixels: .init(shape: [side, side, 3]),
        ]
        if lidarRays > 0 { observations[.lidar] = .init(shape: [lidarRays]) }
        return DataSignature(world: "synthetic", observations: observations, actionSize: 2, bodies: bodies)
    }

    /// `episodes` episodes of `steps` steps from `seed`, images `side` pixels square, `lidarRays`-ray scans when positive.
    static func data(episodes: Int, steps: Int, side: Int = 16, pooling: Int = 1, lidarRays: Int = 0, seed: UInt64) -> EpisodeData {
        var states = Matrix(rows: episodes * (steps + 1), cols: 4)
        var lidar = Matrix(rows: episodes * (steps + 1), cols: lidarRays)
        var actions = Matrix(rows: episodes * steps, cols: 2)
        var pixels = [UInt8]()
        for e in 0..<episodes {
            var rng = RandomStream(seed: seed).split(e)
            var s: [Float] = (0..<4).map { _ in rng.uniform() * 1.6 - 0.8 }
            for t in 0...steps {
                for c in 0..<4 { states[e * (steps + 1) + t, c] = s[c] }
                for (k, range) in Self.lidar(s, rays: lidarRays).enumerated() { lidar[e * (steps + 1) + t, k] = range }
                pixels += render(s, side: side)
                guard t < steps else { break }
                let a: [Float] = [rng.uniform() * 2 - 1, rng.uniform() * 2 - 1]
                actions[e * steps + t, 0] = a[0]
                actions[e * steps + t, 1] = a[1]
                s = step(s, a)
            }
        }
        return EpisodeData(episodeCount: episodes, steps: steps, states: states, actions: actions,
                           rawPixels: pixels, pixelSide: side, pooling: pooling, lidar: lidarRays > 0 ? lidar : nil, bodies: bodies)
    }

    /// The ranges of `rays` rays evenly spread around the robot (ray `k` at angle `2πk / rays`) to the first hit: the
    /// block (a disc of radius 0.2) or the walls of the square `[-1.2, 1.2]²`.
    static func lidar(_ s: [Float], rays: Int) -> [Float] {
        (0..<rays).map { k in
            let angle = 2 * Float.pi * Float(k) / Float(rays), dx = cos(angle), dy = sin(angle)
            let wallX = dx > 0 ? (1.2 - s[0]) / dx : dx < 0 ? (-1.2 - s[0]) / dx : .infinity
            let wallY = dy > 0 ? (1.2 - s[1]) / dy : dy < 0 ? (-1.2 - s[1]) / dy : .infinity
            // The block: the nearer root of |robot + r d − block| = 0.2, when ahead of the robot.
            let ox = s[0] - s[2], oy = s[1] - s[3]
            let b = ox * dx + oy * dy, c = ox * ox + oy * oy - 0.04
            let root = b * b - c >= 0 ? -b - (b * b - c).squareRoot() : -.infinity
            return min(wallX, wallY, root > 0 ? root : .infinity)
        }
    }

    static func step(_ s: [Float], _ a: [Float]) -> [Float] {
        var n = s
        n[0] = min(max(s[0] + 0.15 * a[0], -1), 1)
        n[1] = min(max(s[1] + 0.15 * a[1], -1), 1)
        let dx = n[2] - n[0], dy = n[3] - n[1]
        if dx * dx + dy * dy < 0.04 {
            n[2] = min(max(s[2] + 0.15 * a[0], -1), 1)
            n[3] = min(max(s[3] + 0.15 * a[1], -1), 1)
        }
        return n
    }

    static func render(_ s: [Float], side: Int) -> [UInt8] {
        var image = [UInt8](repeating: 128, count: side * side * 3)
        func dot(_ x: Float, _ y: Float, _ color: [UInt8]) {
            let cx = Int(((x + 1) / 2 * Float(side - 1)).rounded()), cy = Int(((1 - y) / 2 * Float(side - 1)).rounded())
            for r in max(cy - 1, 0)...min(cy + 1, side - 1) {
                for c in max(cx - 1, 0)...min(cx + 1, side - 1) {
                    for k in 0..<3 { image[(r * side + c) * 3 + k] = color[k] }
                }
            }
        }
        dot(s[2], s[3], [20, 40, 230])
        dot(s[0], s[1], [230, 30, 20])
        return image
    }
}
