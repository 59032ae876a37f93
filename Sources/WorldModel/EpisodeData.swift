import Foundation
import Simulation
import TensorCore

/// A split of a dataset held in memory in the layout training wants: fixed-length episodes,
/// observations by kind (states and lidar ranges as matrices, images average-pooled once) and actions.
///
/// Frame `(episode e, step t)` is row `e * (steps + 1) + t` of every observation kind (and frame of the
/// images); transition `(e, t)` is row `e * steps + t` of `actions`.
public struct EpisodeData: Sendable {
    /// Episodes held.
    public let episodeCount: Int
    /// Transitions per episode (`steps + 1` frames).
    public let steps: Int
    /// The observations held, by kind (`state` always).
    public let observations: [ObservationKind: ObservationFrames]
    /// Actions, `[episodes * steps, A]`.
    public let actions: Matrix
    /// Body positions (`x, y` per body, metres), `[episodes * (steps + 1), 2 * bodies]`.
    public let positions: Matrix
    /// The bodies whose positions `positions` holds.
    public let bodies: [BodyPositionColumns]

    /// The frames of one observation kind.
    public enum ObservationFrames: Sendable {
        /// Flat observations (states, lidar ranges), one row per frame.
        case vectors(Matrix)
        /// Square RGB images, `side² * 3` bytes per frame.
        case images([UInt8], side: Int)
    }

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

    /// Assembles the data; `rawPixels` (`pixelSide² * 3` bytes per frame) is pooled by `pooling`; `lidar` holds one row per frame.
    public init(episodeCount: Int, steps: Int, states: Matrix, actions: Matrix,
                rawPixels: [UInt8]?, pixelSide: Int, pooling: Int, lidar: Matrix? = nil, bodies: [BodyPositionColumns]) {
        precondition(states.rows == episodeCount * (steps + 1), "EpisodeData: states have \(states.rows) rows")
        precondition(actions.rows == episodeCount * steps, "EpisodeData: actions have \(actions.rows) rows")
        precondition(lidar.map { $0.rows == states.rows } ?? true, "EpisodeData: lidar has \(lidar?.rows ?? 0) rows")
        self.episodeCount = episodeCount
        self.steps = steps
        self.actions = actions
        self.bodies = bodies
        var observations: [ObservationKind: ObservationFrames] = [.state: .vectors(states)]
        if let rawPixels {
            observations[.pixels] = .images(EpisodeData.pool(rawPixels, frames: states.rows, side: pixelSide, factor: pooling),
                                            side: pixelSide / pooling)
        }
        if let lidar { observations[.lidar] = .vectors(lidar) }
        self.observations = observations
        positions = StateReadout(labels: [], bodies: bodies).positions(states)
    }

    /// The observations of `kind` as a matrix (one row per frame), or nil when not held or not flat.
    public func vectors(_ kind: ObservationKind) -> Matrix? {
        guard case let .vectors(values)? = observations[kind] else { return nil }
        return values
    }

    /// States, `[episodes * (steps + 1), D]`.
    public var states: Matrix { vectors(.state)! }
    /// Lidar ranges, `[episodes * (steps + 1), R]`, or nil without lidar.
    public var lidar: Matrix? { vectors(.lidar) }
    /// Pooled RGB frames, `frameSide² * 3` bytes per frame, or nil without pixels.
    public var pixels: [UInt8]? {
        guard case let .images(bytes, _)? = observations[.pixels] else { return nil }
        return bytes
    }
    /// Side of the pooled square frames (0 without pixels).
    public var frameSide: Int {
        guard case let .images(_, side)? = observations[.pixels] else { return 0 }
        return side
    }

    /// The number of frames held.
    public var frameCount: Int { episodeCount * (steps + 1) }
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
