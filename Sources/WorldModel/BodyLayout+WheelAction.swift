/// A differential drive's wheel-speed action in each body's frame.
///
/// The action `(left, right)` is in the robot's own frame: it asks for a forward speed `(left + right) / 2`
/// along the robot's heading and a turn proportional to `right − left`. Seen from body `i`, what that does
/// depends on where the robot faces, so body `i`'s row gets the robot's heading in frame `i`, the commanded
/// velocity in frame `i`, and the turn command.
extension BodyLayout {
    /// Entries a wheel action adds to a body-frame input row.
    static let wheelActionInputSize = 5

    /// `[robot heading in the body's frame (2), commanded velocity in the body's frame (2), right − left]`.
    static func wheelActionInputs(left: Float, right: Float, robotHeading: SIMD2<Float>,
                                  inBodyFrame local: (SIMD2<Float>) -> SIMD2<Float>) -> [Float] {
        let heading = local(robotHeading), velocity = heading * ((left + right) / 2)
        return [heading.x, heading.y, velocity.x, velocity.y, right - left]
    }
}
