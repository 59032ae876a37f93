import TensorCore

/// Jointed bodies predicted about their pivots (`BodyLayout.keepsPivots`).
///
/// An arm link's origin is its pivot on its parent link (on the table for the first): a fixed point of the parent's
/// frame, up to the joint's give. Predicted one by one, the links' displacements drift apart over a rollout (a link's
/// error compounds with its parent's); predicted about their pivots, they stay joined. A pivoted body's target row
/// holds, in place of its own displacement and new velocity, the change of its pivot's place in its parent's frame and
/// its new velocity less the parent's rigid motion at the pivot (in its own frame, as before); applying a step moves the
/// parent first and puts the child at its pivot. Both are about zero for a stiff joint, and true targets still rebuild
/// the next state exactly.
extension BodyLayout {
    /// The table as a parent: at the origin, unturned, at rest.
    static let table = Pose(position: .zero, heading: SIMD2(1, 0), velocity: .zero, omega: 0)

    /// Whether `body` is predicted about its pivot.
    func isPivoted(_ body: Int) -> Bool { keepsPivots && joints[body] != nil }

    /// The parent of pivoted `body` in row `n` of `states` (the table for the first link).
    func parentPose(_ states: Matrix, row n: Int, body: Int) -> Pose {
        joints[body]!.parent.map { pose(states, row: n, body: $0) } ?? BodyLayout.table
    }

    /// Target entries of pivoted `body` from `now` to `next` (with its parent's poses then):
    /// `(change of the pivot's place in the parent's frame, new velocity less the parent's motion at the pivot, in the body's frame)`.
    static func pivotTargets(now: Pose, next: Pose, parentNow: Pose, parentNext: Pose)
        -> (displacement: SIMD2<Float>, velocity: SIMD2<Float>) {
        let placeNow = parentNow.local(now.position - parentNow.position)
        let placeNext = parentNext.local(next.position - parentNext.position)
        let pivotVelocity = parentNext.pointVelocity(at: parentNext.world(placeNext))
        return (placeNext - placeNow, now.local(next.velocity - pivotVelocity))
    }

    /// The new position and velocity of pivoted body `now` from its target entries, with its parent before and after the step.
    static func pivotedStep(now: Pose, parentNow: Pose, parentNext: Pose, displacement: SIMD2<Float>, velocity: SIMD2<Float>)
        -> (position: SIMD2<Float>, velocity: SIMD2<Float>) {
        let place = parentNext.world(parentNow.local(now.position - parentNow.position) + displacement)
        return (parentNext.position + place, now.world(velocity) + parentNext.pointVelocity(at: place))
    }
}

extension BodyLayout.Pose {
    /// The world velocity of this body's rigid motion at `offset` (world) from its position: `v + ω × offset`.
    func pointVelocity(at offset: SIMD2<Float>) -> SIMD2<Float> {
        velocity + omega * SIMD2(-offset.y, offset.x)
    }
}
