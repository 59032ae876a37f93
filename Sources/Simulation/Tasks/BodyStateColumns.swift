import Foundation

/// Where one body's pose and size scale sit in a flat state vector (`<body>.x`, `.y`, `.cos`, `.sin`, `.scale`).
public struct BodyStateColumns: Sendable {
    public let x: Int
    public let y: Int
    public let cos: Int
    public let sin: Int
    public let scale: Int

    /// The robot's name in a state vector labelled `labels`: the robot's fields come first (`<robot>.x`, ...).
    public static func robotName(labels: [String]) -> String {
        labels.first.map { String($0.prefix { $0 != "." }) } ?? ""
    }

    /// The columns of `body` in a state vector labelled `labels`.
    ///
    /// - Throws: `TaskCostError.missingLabel` for the first of the body's labels that is missing.
    public init(body: String, labels: [String]) throws(TaskCostError) {
        func column(_ field: String) throws(TaskCostError) -> Int {
            guard let index = labels.firstIndex(of: "\(body).\(field)") else { throw .missingLabel("\(body).\(field)") }
            return index
        }
        x = try column("x")
        y = try column("y")
        cos = try column("cos")
        sin = try column("sin")
        scale = try column("scale")
    }

    /// The body's pose in `state`; the heading is `atan2(sin, cos)`, so a predicted (cos, sin) need not be a unit vector.
    public func pose(in state: UnsafeBufferPointer<Float>) -> Pose {
        Pose(position: SIMD2(Double(state[x]), Double(state[y])), angle: atan2(Double(state[sin]), Double(state[cos])))
    }

    /// The body's size scale in `state`.
    public func scale(in state: UnsafeBufferPointer<Float>) -> Double { Double(state[scale]) }
}
