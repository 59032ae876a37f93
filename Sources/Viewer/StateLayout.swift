#if Viewer
import Foundation

/// Where each body's pose and velocity sit in a state vector, found by label (`<body>.x`, ...).
public struct StateLayout: Sendable {
    /// Per body, the state indices of its position, heading (cos, sin) and linear velocity.
    public struct Entry: Sendable {
        public var x: Int, y: Int, cos: Int, sin: Int, vx: Int, vy: Int
    }

    public let entries: [Entry]

    /// Looks up every body's fields; errors name the missing label and say who needed it.
    public init(stateLabels: [String], bodyNames: [String], purpose: String) throws {
        func index(_ label: String) throws -> Int {
            guard let i = stateLabels.firstIndex(of: label) else {
                throw ViewerError.invalidOption("\(purpose): the state has no `\(label)` entry (it has \(stateLabels.joined(separator: ", ")))")
            }
            return i
        }
        entries = try bodyNames.map { name in
            Entry(x: try index("\(name).x"), y: try index("\(name).y"), cos: try index("\(name).cos"),
                  sin: try index("\(name).sin"), vx: try index("\(name).vx"), vy: try index("\(name).vy"))
        }
    }

    /// The bodies' poses in a state vector.
    public func poses(in state: [Float]) -> [BodyPose] {
        entries.map { e in
            BodyPose(position: SIMD2(Double(state[e.x]), Double(state[e.y])), angle: Double(atan2(state[e.sin], state[e.cos])))
        }
    }
}
#endif
