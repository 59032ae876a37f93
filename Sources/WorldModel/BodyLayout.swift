import TensorCore

/// The frame in which the object-factorised state model sees and predicts each body.
public enum StateFrame: String, Codable, Sendable, CaseIterable {
    /// World coordinates: `[one-hot body, body fields, robot fields, action, body xy − robot xy]` in,
    /// the body's field changes out.
    case world
    /// The body's own frame: its velocity, the robot's and every other body's offset (and a target-point
    /// action) turned into the body's frame, plus its world pose; out come its displacement, turn and
    /// new velocity in that frame (`BodyLayout+BodyFrame.swift`). What a push does then no longer
    /// depends on which way the pushed body happens to face.
    case body
}

/// The state vector seen as one block of fields per body (`pusher.x`, `pusher.y`, ..., `box1.x`, ...).
///
/// Lets the state-space forward model be object-factorised: one shared network maps a body's
/// input row (see `StateFrame`) to the change of its fields, applied to every body of every
/// transition (rows = transitions × bodies). The same weights then learn "a block far from the
/// pusher does not move" from every block at once.
public struct BodyLayout: Sendable, Equatable {
    /// State columns of each body's fields, `columns[body][field]` (same field order for every body).
    public let columns: [[Int]]
    /// The field names (`x`, `y`, `cos`, ...), in the order of `columns[body]`.
    public let fields: [String]
    /// The robot's body index: the first robot body, or with joints the last link (the end that pushes; the first link
    /// turns about a fixed pivot).
    public let robot: Int
    /// Field indices of `x` and `y`.
    public let xField: Int, yField: Int
    /// Each body's name (the label prefix: `pusher`, `box1`, ...).
    public let bodyNames: [String]
    /// Whether each body is a manipulated object (false: a part of the robot).
    public let isObject: [Bool]
    /// The state dimension.
    public let stateSize: Int
    /// Where the pose and velocity fields are (nil unless every one of `PoseFields.names` is present).
    public let poseFields: PoseFields?
    /// The frame of the input rows and targets.
    public let frame: StateFrame
    /// Whether the action is a target point in world coordinates (a pusher's), which the body frame also turns.
    public let pointAction: Bool
    /// Whether the action is a differential drive's left and right wheel speeds, which the body frame also turns
    /// (as the robot's commanded velocity and heading in each body's frame).
    public let wheelAction: Bool
    /// Each body's joint (an arm link's angle and velocity relative to its parent); nil for bodies without one.
    public let joints: [Joint?]
    /// Whether a jointed body's position and velocity are predicted relative to its pivot on its parent (the table for the
    /// first link), so predicted links stay joined (`BodyLayout+Pivots.swift`).
    public let keepsPivots: Bool
    /// Indices of the fields outside the pose (constants of an episode, such as `scale`); empty without `poseFields`.
    let constantFields: [Int]

    /// Groups `labels` (`<body>.<field>`) by body; nil unless every body has the same fields, including `x` and `y`,
    /// and, for the body frame, all of `PoseFields.names`.
    ///
    /// With `splitsJoints` (body frame only), a body's `joint_angle` and `joint_velocity` are its joint
    /// (`BodyLayout+Joints.swift`), not fields every body must share: the arm's links become bodies; `keepsPivots` then
    /// predicts them relative to their pivots.
    public init?(labels: [String], bodies: [EpisodeData.BodyPositionColumns], frame: StateFrame = .world,
                 pointAction: Bool = false, wheelAction: Bool = false, splitsJoints: Bool = false, keepsPivots: Bool = false) {
        var byBody: [String: [(field: String, column: Int)]] = [:]
        var order: [String] = []
        for (column, label) in labels.enumerated() {
            guard let dot = label.lastIndex(of: ".") else { return nil }
            let body = String(label[..<dot]), field = String(label[label.index(after: dot)...])
            if byBody[body] == nil { order.append(body) }
            byBody[body, default: []].append((field, column))
        }
        guard let joints = splitsJoints && frame == .body ? BodyLayout.takeJoints(from: &byBody, order: order)
                : [Joint?](repeating: nil, count: order.count) else { return nil }
        let fields = byBody[order.first ?? ""]?.map(\.field) ?? []
        guard !fields.isEmpty, order.allSatisfy({ byBody[$0]!.map(\.field) == fields }),
              let x = fields.firstIndex(of: "x"), let y = fields.firstIndex(of: "y"),
              let robotName = bodies.first(where: { !$0.isObject })?.name, let robot = order.firstIndex(of: robotName)
        else { return nil }
        columns = order.map { byBody[$0]!.map(\.column) }
        bodyNames = order
        isObject = order.map { name in bodies.first { $0.name == name }?.isObject ?? false }
        self.fields = fields
        self.robot = joints.lastIndex { $0 != nil } ?? robot
        xField = x
        yField = y
        stateSize = labels.count
        poseFields = PoseFields(fields: fields)
        constantFields = poseFields.map { BodyLayout.constantFields(fields, pose: $0) } ?? []
        guard frame == .world || poseFields != nil else { return nil }
        self.frame = frame
        self.pointAction = pointAction
        self.wheelAction = wheelAction && frame == .body
        self.joints = joints
        self.keepsPivots = keepsPivots && joints.contains { $0 != nil }
    }

    /// Bodies.
    public var bodyCount: Int { columns.count }
    /// Fields per body.
    public var fieldCount: Int { columns[0].count }
    /// Width of one input row for `actionSize`-dimensional actions.
    public func inputSize(actionSize: Int) -> Int {
        switch frame {
        case .world: bodyCount + 2 * fieldCount + actionSize + 2
        case .body: bodyFrameInputSize(actionSize: actionSize)
        }
    }

    /// Width of one target row.
    public var targetSize: Int { frame == .world ? fieldCount : BodyLayout.bodyFrameTargetSize }

    /// Per-body input rows `[N * bodies, inputSize]` for states `[N, D]` and actions `[N, A]`.
    public func inputs(states: Matrix, actions: Matrix) -> Matrix {
        var out = Matrix(rows: 0, cols: 0)
        inputs(states: states, actions: actions, into: &out)
        return out
    }

    /// Writes the per-body input rows into `out` (reshaped to `[N * bodies, inputSize]`, reusing its storage).
    public func inputs(states: Matrix, actions: Matrix, into out: inout Matrix) {
        out.resize(rows: states.rows * bodyCount, cols: inputSize(actionSize: actions.cols))
        if frame == .world { worldFrameInputs(states: states, actions: actions, into: &out) } else {
            bodyFrameInputs(states: states, actions: actions, into: &out)
        }
    }

    /// Per-body targets `[N * bodies, targetSize]` for the transitions from states `[N, D]` to `next`.
    public func targets(from states: Matrix, to next: Matrix) -> Matrix {
        frame == .world ? deltas(from: states, to: next) : bodyFrameTargets(from: states, to: next)
    }

    /// Applies per-body predictions `[N * bodies, targetSize]` (in the units of `targets`) to states `[N, D]` in place.
    public func apply(_ predictions: Matrix, to states: inout Matrix) {
        if frame == .world { add(predictions, to: &states) } else { applyBodyFrame(predictions, to: &states) }
    }

    /// World frame: `[one-hot body, body fields, robot fields, action, body xy − robot xy]` rows.
    private func worldFrameInputs(states: Matrix, actions: Matrix, into out: inout Matrix) {
        let b = bodyCount, f = fieldCount, a = actions.cols
        for n in 0..<states.rows {
            let robotColumns = columns[robot]
            for body in 0..<b {
                let r = n * b + body
                for k in 0..<b { out[r, k] = k == body ? 1 : 0 }
                for k in 0..<f {
                    out[r, b + k] = states[n, columns[body][k]]
                    out[r, b + f + k] = states[n, robotColumns[k]]
                }
                for k in 0..<a { out[r, b + 2 * f + k] = actions[n, k] }
                out[r, b + 2 * f + a] = states[n, columns[body][xField]] - states[n, robotColumns[xField]]
                out[r, b + 2 * f + a + 1] = states[n, columns[body][yField]] - states[n, robotColumns[yField]]
            }
        }
    }

    /// World frame: per-body field changes `[N * bodies, fields]` between states `[N, D]` and their successors.
    private func deltas(from states: Matrix, to next: Matrix) -> Matrix {
        var out = Matrix(rows: states.rows * bodyCount, cols: fieldCount)
        for n in 0..<states.rows {
            for body in 0..<bodyCount {
                for (k, column) in columns[body].enumerated() { out[n * bodyCount + body, k] = next[n, column] - states[n, column] }
            }
        }
        return out
    }

    /// World frame: adds per-body changes `[N * bodies, fields]` to states `[N, D]` in place.
    private func add(_ deltas: Matrix, to states: inout Matrix) {
        for n in 0..<states.rows {
            for body in 0..<bodyCount {
                for (k, column) in columns[body].enumerated() { states[n, column] += deltas[n * bodyCount + body, k] }
            }
        }
    }
}
