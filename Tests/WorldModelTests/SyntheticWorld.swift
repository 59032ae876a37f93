import Simulation
import TensorCore
@testable import WorldModel

/// A tiny deterministic world for tests: a robot dot moved by the action pushes a block it touches.
///
/// State `[robot.x, robot.y, block.x, block.y]` in `[-1, 1]`; images `side x side` RGB with the
/// robot red and the block blue on grey.
enum SyntheticWorld {
    static let bodies = [
        EpisodeData.BodyPositionColumns(name: "robot", isObject: false, xColumn: 0, yColumn: 1),
        EpisodeData.BodyPositionColumns(name: "block", isObject: true, xColumn: 2, yColumn: 3),
    ]

    static func signature(side: Int) -> DataSignature {
        DataSignature(world: "synthetic",
                      observations: [.state: .init(shape: [4], labels: ["robot.x", "robot.y", "block.x", "block.y"]),
                                     .pixels: .init(shape: [side, side, 3])],
                      actionSize: 2, bodies: bodies)
    }

    /// `episodes` episodes of `steps` steps from `seed`, images `side` pixels square.
    static func data(episodes: Int, steps: Int, side: Int = 16, pooling: Int = 1, seed: UInt64) -> EpisodeData {
        var states = Matrix(rows: episodes * (steps + 1), cols: 4)
        var actions = Matrix(rows: episodes * steps, cols: 2)
        var pixels = [UInt8]()
        for e in 0..<episodes {
            var rng = RandomStream(seed: seed).split(e)
            var s: [Float] = (0..<4).map { _ in rng.uniform() * 1.6 - 0.8 }
            for t in 0...steps {
                for c in 0..<4 { states[e * (steps + 1) + t, c] = s[c] }
                pixels += render(s, side: side)
                guard t < steps else { break }
                let a: [Float] = [rng.uniform() * 2 - 1, rng.uniform() * 2 - 1]
                actions[e * steps + t, 0] = a[0]
                actions[e * steps + t, 1] = a[1]
                s = step(s, a)
            }
        }
        return EpisodeData(episodeCount: episodes, steps: steps, states: states, actions: actions,
                           rawPixels: pixels, pixelSide: side, pooling: pooling, bodies: bodies)
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
