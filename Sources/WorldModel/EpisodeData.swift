import Foundation
import TensorCore

/// A split of a dataset held in memory in the layout training wants: fixed-length episodes,
/// states and actions as matrices, images average-pooled once.
///
/// Frame `(episode e, step t)` is row `e * (steps + 1) + t` of `states` (and frame of `pixels`);
/// transition `(e, t)` is row `e * steps + t` of `actions`.
public struct EpisodeData: Sendable {
    /// Episodes held.
    public let episodeCount: Int
    /// Transitions per episode (`steps + 1` frames).
    public let steps: Int
    /// States, `[episodes * (steps + 1), D]`.
    public let states: Matrix
    /// Actions, `[episodes * steps, A]`.
    public let actions: Matrix
    /// Pooled RGB frames, `frameSide² * 3` bytes per frame, or nil without pixels.
    public let pixels: [UInt8]?
    /// Side of the pooled square frames (0 without pixels).
    public let frameSide: Int
    /// Body positions (`x, y` per body, metres), `[episodes * (steps + 1), 2 * bodies]`.
    public let positions: Matrix
    /// The bodies whose positions `positions` holds.
    public let bodies: [BodyPositionColumns]

    /// Which state entries hold one body's position.
    public struct BodyPositionColumns: Codable, Sendable, Equatable {
        public var name: String
        /// Whether the body is a manipulated object (as opposed to the robot).
        public var isObject: Bool
        public var xColumn: Int
        public var yColumn: Int

        public init(name: String, isObject: Bool, xColumn: Int, yColumn: Int) {
            self.name = name
            self.isObject = isObject
            self.xColumn = xColumn
            self.yColumn = yColumn
        }
    }

    /// Assembles the data; `rawPixels` (`side² * 3` bytes per frame) is pooled by `pooling`.
    public init(episodeCount: Int, steps: Int, states: Matrix, actions: Matrix,
                rawPixels: [UInt8]?, pixelSide: Int, pooling: Int, bodies: [BodyPositionColumns]) {
        precondition(states.rows == episodeCount * (steps + 1), "EpisodeData: states have \(states.rows) rows")
        precondition(actions.rows == episodeCount * steps, "EpisodeData: actions have \(actions.rows) rows")
        self.episodeCount = episodeCount
        self.steps = steps
        self.states = states
        self.actions = actions
        self.bodies = bodies
        if let rawPixels {
            self.frameSide = pixelSide / pooling
            self.pixels = EpisodeData.pool(rawPixels, frames: states.rows, side: pixelSide, factor: pooling)
        } else {
            self.frameSide = 0
            self.pixels = nil
        }
        var positions = Matrix(rows: states.rows, cols: 2 * bodies.count)
        for r in 0..<states.rows {
            for (b, body) in bodies.enumerated() {
                positions[r, 2 * b] = states[r, body.xColumn]
                positions[r, 2 * b + 1] = states[r, body.yColumn]
            }
        }
        self.positions = positions
    }

    /// The number of frames held.
    public var frameCount: Int { states.rows }
    /// The state dimension.
    public var stateSize: Int { states.cols }
    /// The action dimension.
    public var actionSize: Int { actions.cols }
    /// Pixels per pooled frame.
    public var pixelsPerFrame: Int { frameSide * frameSide }

    /// The row of frame `(episode, step)`.
    @inlinable public func frame(episode: Int, step: Int) -> Int { episode * (steps + 1) + step }
    /// The row of the action taken at `(episode, step)`.
    @inlinable public func transition(episode: Int, step: Int) -> Int { episode * steps + step }

    /// Pooled frames as encoder input: `[frames.count * side², 3]`, RGB scaled to `[-1, 1]`, pixel rows image after image.
    public func pixelRows(frames: [Int]) -> Matrix {
        guard let pixels else { preconditionFailure("EpisodeData.pixelRows: the data has no pixels") }
        let per = pixelsPerFrame * 3
        var out = Matrix(rows: frames.count * pixelsPerFrame, cols: 3)
        out.storage.withUnsafeMutableBufferPointer { o in
            pixels.withUnsafeBufferPointer { p in
                for (k, frame) in frames.enumerated() {
                    for i in 0..<per { o[k * per + i] = Float(p[frame * per + i]) * (2 / 255) - 1 }
                }
            }
        }
        return out
    }

    /// Average-pools square RGB frames by `factor` (rounded to the nearest byte).
    static func pool(_ raw: [UInt8], frames: Int, side: Int, factor: Int) -> [UInt8] {
        precondition(raw.count == frames * side * side * 3, "EpisodeData: \(raw.count) pixel bytes for \(frames) frames of \(side)x\(side)")
        guard factor > 1 else { return raw }
        let out = side / factor, area = factor * factor
        var pooled = [UInt8](repeating: 0, count: frames * out * out * 3)
        raw.withUnsafeBufferPointer { r in
            pooled.withUnsafeMutableBufferPointer { p in
                for f in 0..<frames {
                    let src = f * side * side * 3, dst = f * out * out * 3
                    for y in 0..<out {
                        for x in 0..<out {
                            for c in 0..<3 {
                                var total = 0
                                for dy in 0..<factor {
                                    for dx in 0..<factor {
                                        total += Int(r[src + ((y * factor + dy) * side + x * factor + dx) * 3 + c])
                                    }
                                }
                                p[dst + (y * out + x) * 3 + c] = UInt8((total + area / 2) / area)
                            }
                        }
                    }
                }
            }
        }
        return pooled
    }
}
