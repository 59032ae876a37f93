import Foundation
import TensorCore

/// Where each body's pose sits in a state vector: the one typed readout of positions, headings and velocities.
///
/// Built from the state labels (`<body>.x`, `.y`, `.cos`, `.sin`, `.vx`, `.vy`); evaluation, the
/// position predictor, the data loader and the viewer all read bodies out of states through it.
public struct StateReadout: Sendable, Equatable {
    /// One body's state indices (heading and velocity where the state has them).
    public struct Body: Sendable, Equatable {
        public var name: String
        /// Whether the body is a manipulated object (as opposed to the robot).
        public var isObject: Bool
        public var x: Int, y: Int
        public var cos: Int?, sin: Int?
        public var vx: Int?, vy: Int?
    }

    /// The bodies, in the order positions are reported.
    public let bodies: [Body]

    /// The readout of `bodies`' positions, with headings and velocities where `labels` has them (none without labels).
    public init(labels: [String], bodies: [EpisodeData.BodyPositionColumns]) {
        func column(_ body: String, _ field: String) -> Int? { labels.firstIndex(of: "\(body).\(field)") }
        self.bodies = bodies.map { b in
            Body(name: b.name, isObject: b.isObject, x: b.xColumn, y: b.yColumn, cos: column(b.name, "cos"),
                 sin: column(b.name, "sin"), vx: column(b.name, "vx"), vy: column(b.name, "vy"))
        }
    }

    /// The readout of the named bodies, each of which must have every pose field; errors name the missing label and
    /// who needed it (`purpose`).
    public init(labels: [String], bodyNames: [String], purpose: String) throws {
        func index(_ label: String) throws -> Int {
            guard let i = labels.firstIndex(of: label) else {
                throw RunError.missing(path: purpose, what: "the state has no `\(label)` entry (it has \(labels.joined(separator: ", ")))")
            }
            return i
        }
        bodies = try bodyNames.map { name in
            Body(name: name, isObject: true, x: try index("\(name).x"), y: try index("\(name).y"), cos: try index("\(name).cos"),
                 sin: try index("\(name).sin"), vx: try index("\(name).vx"), vy: try index("\(name).vy"))
        }
    }

    /// Body positions of every row of `states` `[N, D]`: `[N, 2 * bodies]` (`x, y` per body, metres).
    public func positions(_ states: Matrix) -> Matrix {
        var out = Matrix(rows: states.rows, cols: 2 * bodies.count)
        for r in 0..<states.rows {
            for (b, body) in bodies.enumerated() {
                out[r, 2 * b] = states[r, body.x]
                out[r, 2 * b + 1] = states[r, body.y]
            }
        }
        return out
    }

    /// Body positions in row `row` of `states`.
    public func positions(_ states: Matrix, row: Int) -> [SIMD2<Double>] {
        bodies.map { SIMD2(Double(states[row, $0.x]), Double(states[row, $0.y])) }
    }

    /// Body `body`'s heading angle (radians) in a state vector; nil when the state has no heading for it.
    public func angle(in state: [Float], body: Int) -> Double? {
        guard let c = bodies[body].cos, let s = bodies[body].sin else { return nil }
        return Double(atan2(state[s], state[c]))
    }
}
