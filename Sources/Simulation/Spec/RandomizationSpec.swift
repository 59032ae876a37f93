/// Domain randomisation: each reset draws poses and physical parameters from these ranges.
public struct RandomizationSpec: Codable, Sendable, Equatable {
    /// Whether initial poses are drawn (otherwise the nominal poses are used).
    public var poses: Bool
    /// The rectangle (lower, upper corners) where objects and a mobile robot are placed.
    public var regionMin: SIMD2<Double>
    /// Upper corner of the placement region.
    public var regionMax: SIMD2<Double>
    /// Initial heading range (rad).
    public var angle: ClosedRange<Double>
    /// Mass scale factor range.
    public var mass: ClosedRange<Double>
    /// Friction scale factor range (contact and ground).
    public var friction: ClosedRange<Double>
    /// Size scale factor range (object shapes).
    public var size: ClosedRange<Double>
    /// Minimum free gap between placed bodies (m).
    public var clearance: Double

    /// Creates randomisation ranges.
    public init(poses: Bool, regionMin: SIMD2<Double>, regionMax: SIMD2<Double>, angle: ClosedRange<Double>,
                mass: ClosedRange<Double>, friction: ClosedRange<Double>, size: ClosedRange<Double>, clearance: Double) {
        self.poses = poses
        self.regionMin = regionMin
        self.regionMax = regionMax
        self.angle = angle
        self.mass = mass
        self.friction = friction
        self.size = size
        self.clearance = clearance
    }
}
