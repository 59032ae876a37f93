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

/// A planar lidar on the robot: a fan of evenly spaced rays from the robot's centre, distances in metres.
public struct LidarSpec: Codable, Sendable, Equatable {
    /// Number of rays, counter-clockwise, the fan centred on the robot's heading.
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
