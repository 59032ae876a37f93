import Foundation
import TensorCore

/// The body-frame coding of the object-factorised state model (`StateFrame.body`).
///
/// Input row of body `i` (frame `i`: origin at the body, x axis along its heading):
/// `[one-hot body, own velocity in frame i, own omega, robot offset and robot velocity in frame i,
/// robot omega, action, (target point − body position in frame i), (wheel action in frame i), x, y, cos,
/// sin, other fields, (own joint angle and velocity, every link's heading in frame i), offset of every other
/// body in frame i]`; the parts in
/// parentheses only for a point action, a wheel action (`BodyLayout+WheelAction.swift`) and jointed
/// robots (`BodyLayout+Joints.swift`). Target row: `[displacement in frame i, turn angle, new
/// velocity in frame i, omega change]` (for an arm's links about their pivots, `BodyLayout+Pivots.swift`). Headings are
/// rebuilt from the turn angle, so they stay unit
/// vectors. Fields beyond the pose (the simulator's `scale`) are constants of an episode: read, never changed.
extension BodyLayout {
    /// Entries of a body-frame target row.
    static let bodyFrameTargetSize = 6

    /// Width of a body-frame input row.
    func bodyFrameInputSize(actionSize: Int) -> Int {
        bodyCount + 3 + 5 + actionSize + (pointAction ? 2 : 0) + (wheelAction ? BodyLayout.wheelActionInputSize : 0) + 4
            + constantFields.count + jointInputSize + 2 * (bodyCount - 1)
    }

    /// Indices of `fields` that are not part of the pose `f` (constants of an episode).
    static func constantFields(_ fields: [String], pose f: PoseFields) -> [Int] {
        let pose = Set([f.x, f.y, f.cos, f.sin, f.vx, f.vy, f.omega])
        return fields.indices.filter { !pose.contains($0) }
    }

    /// A body's pose and velocity in one state row.
    struct Pose {
        var position: SIMD2<Float>, heading: SIMD2<Float>, velocity: SIMD2<Float>, omega: Float

        /// A world vector in this body's frame.
        func local(_ v: SIMD2<Float>) -> SIMD2<Float> {
            SIMD2(heading.x * v.x + heading.y * v.y, -heading.y * v.x + heading.x * v.y)
        }

        /// A vector of this body's frame in the world.
        func world(_ v: SIMD2<Float>) -> SIMD2<Float> {
            SIMD2(heading.x * v.x - heading.y * v.y, heading.y * v.x + heading.x * v.y)
        }
    }

    /// Body `body`'s pose in row `n` of `states` (its heading normalised).
    func pose(_ states: Matrix, row n: Int, body: Int) -> Pose {
        let f = poseFields!, c = columns[body]
        let heading = SIMD2(states[n, c[f.cos]], states[n, c[f.sin]])
        let norm = (heading * heading).sum().squareRoot()
        return Pose(position: SIMD2(states[n, c[f.x]], states[n, c[f.y]]),
                    heading: norm > 0 ? heading / norm : SIMD2(1, 0),
                    velocity: SIMD2(states[n, c[f.vx]], states[n, c[f.vy]]), omega: states[n, c[f.omega]])
    }

    /// Writes body-frame input rows `[N * bodies, bodyFrameInputSize]` into `out` (already that shape).
    func bodyFrameInputs(states: Matrix, actions: Matrix, into out: inout Matrix) {
        let b = bodyCount, a = actions.cols, constants = constantFields
        for n in 0..<states.rows {
            let robotPose = pose(states, row: n, body: robot)
            for body in 0..<b {
                let me = pose(states, row: n, body: body), r = n * b + body
                var k = b
                func put(_ value: Float) {
                    out[r, k] = value
                    k += 1
                }
                for j in 0..<b { out[r, j] = j == body ? 1 : 0 }
                let ownVelocity = me.local(me.velocity)
                let robotOffset = me.local(robotPose.position - me.position), robotVelocity = me.local(robotPose.velocity)
                put(ownVelocity.x); put(ownVelocity.y); put(me.omega)
                put(robotOffset.x); put(robotOffset.y)
                put(robotVelocity.x); put(robotVelocity.y); put(robotPose.omega)
                for j in 0..<a { put(actions[n, j]) }
                if pointAction {
                    let target = me.local(SIMD2(actions[n, 0], actions[n, 1]) - me.position)
                    put(target.x)
                    put(target.y)
                }
                if wheelAction {
                    let wheels = BodyLayout.wheelActionInputs(left: actions[n, 0], right: actions[n, 1],
                                                              robotHeading: robotPose.heading, inBodyFrame: me.local)
                    for value in wheels { put(value) }
                }
                put(me.position.x); put(me.position.y); put(me.heading.x); put(me.heading.y)
                for field in constants { put(states[n, columns[body][field]]) }
                if hasJoints {
                    let joint = jointInputs(states, row: n, body: body)
                    put(joint.angle)
                    put(joint.velocity)
                    for link in joints.indices where joints[link] != nil {
                        let heading = me.local(pose(states, row: n, body: link).heading)
                        put(heading.x)
                        put(heading.y)
                    }
                }
                for other in 0..<b where other != body {
                    let offset = me.local(pose(states, row: n, body: other).position - me.position)
                    put(offset.x)
                    put(offset.y)
                }
            }
        }
    }

    /// Body-frame targets `[N * bodies, 6]` of the transitions from `states` to `next`.
    func bodyFrameTargets(from states: Matrix, to next: Matrix) -> Matrix {
        var out = Matrix(rows: states.rows * bodyCount, cols: BodyLayout.bodyFrameTargetSize)
        for n in 0..<states.rows {
            for body in 0..<bodyCount {
                let now = pose(states, row: n, body: body), then = pose(next, row: n, body: body)
                var displacement = now.local(then.position - now.position), velocity = now.local(then.velocity)
                if isPivoted(body) {
                    (displacement, velocity) = BodyLayout.pivotTargets(now: now, next: then, parentNow: parentPose(states, row: n, body: body),
                                                                       parentNext: parentPose(next, row: n, body: body))
                }
                let turn = now.local(then.heading)
                let row = [displacement.x, displacement.y, atan2(turn.y, turn.x), velocity.x, velocity.y, then.omega - now.omega]
                for (k, value) in row.enumerated() { out[n * bodyCount + body, k] = value }
            }
        }
        return out
    }

    /// Applies body-frame predictions `[N * bodies, 6]` to `states` in place.
    func applyBodyFrame(_ predictions: Matrix, to states: inout Matrix) {
        let f = poseFields!
        for n in 0..<states.rows {
            // A pivoted body's parent is the previous pivoted one, which the loop has moved already: its pose before the step.
            var parentBefore = BodyLayout.table
            for body in 0..<bodyCount {
                let now = pose(states, row: n, body: body), r = n * bodyCount + body, c = columns[body]
                let displacement = SIMD2(predictions[r, 0], predictions[r, 1]), newVelocity = SIMD2(predictions[r, 3], predictions[r, 4])
                var position = now.position + now.world(displacement), velocity = now.world(newVelocity)
                if isPivoted(body) {
                    (position, velocity) = BodyLayout.pivotedStep(now: now, parentNow: parentBefore,
                                                                  parentNext: parentPose(states, row: n, body: body),
                                                                  displacement: displacement, velocity: newVelocity)
                    parentBefore = now
                }
                let heading = now.world(SIMD2(cos(predictions[r, 2]), sin(predictions[r, 2])))
                (states[n, c[f.x]], states[n, c[f.y]]) = (position.x, position.y)
                (states[n, c[f.cos]], states[n, c[f.sin]]) = (heading.x, heading.y)
                (states[n, c[f.vx]], states[n, c[f.vy]]) = (velocity.x, velocity.y)
                states[n, c[f.omega]] = now.omega + predictions[r, 5]
            }
        }
        if hasJoints { applyJoints(predictions, to: &states) }
    }
}
