/// Default observation settings of a world.
public struct ObservationSpec: Codable, Sendable, Equatable {
    /// The observation kinds collected when the caller does not choose.
    public var kinds: [ObservationKind]
    /// Side of the square rendered image (pixels).
    public var pixelSize: Int
    /// The robot's lidar, if it has one.
    public var lidar: LidarSpec?

    /// Creates observation settings.
    public init(kinds: [ObservationKind], pixelSize: Int, lidar: LidarSpec?) {
        self.kinds = kinds
        self.pixelSize = pixelSize
        self.lidar = lidar
    }
}

/// A planar lidar on the robot: evenly spaced rays from the robot's centre, distances in metres.
public struct LidarSpec: Codable, Sendable, Equatable {
    /// Number of rays, the first along the robot's heading, counter-clockwise.
    public var rays: Int
    /// Maximum range (m); a ray that hits nothing reads `range`.
    public var range: Double
    /// Angular span of the fan (rad); 2π is all around.
    public var fieldOfView: Double

    /// Creates a lidar.
    public init(rays: Int, range: Double, fieldOfView: Double) {
        self.rays = rays
        self.range = range
        self.fieldOfView = fieldOfView
    }
}

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

/// A goal pose for one object; reward is the coverage of the goal outline by the object.
public struct GoalSpec: Codable, Sendable, Equatable {
    /// Name of the object that should reach the goal.
    public var object: String
    /// The goal pose.
    public var pose: Pose
    /// Coverage above which the episode succeeds and terminates (0...1).
    public var successCoverage: Double
    /// Render colour of the goal outline.
    public var color: RGB

    /// Creates a goal.
    public init(object: String, pose: Pose, successCoverage: Double, color: RGB) {
        self.object = object
        self.pose = pose
        self.successCoverage = successCoverage
        self.color = color
    }
}
