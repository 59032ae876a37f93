/// Points carried between the world and a pose's own frame.
extension Pose {
    /// The world position of `local`, a point given in this pose's frame.
    public func worldPoint(_ local: SIMD2<Double>) -> SIMD2<Double> {
        position + local.rotated(by: angle)
    }

    /// Where the world point `point` lies in this pose's frame.
    public func localPoint(_ point: SIMD2<Double>) -> SIMD2<Double> {
        (point - position).rotated(by: -angle)
    }
}
