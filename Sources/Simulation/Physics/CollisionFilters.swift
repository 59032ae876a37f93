import CChipmunk

/// Collision types and shape filters shared by the world's bodies.
///
/// The robot's shapes share one non-zero group, so arm links never collide with each other,
/// with the arm base, or with the robot's own lidar rays.
enum CollisionFilters {
    static let robotType: cpCollisionType = 1
    static let objectType: cpCollisionType = 2
    static let wallType: cpCollisionType = 3

    static let robotGroup: cpGroup = 1
    static let wallCategory: cpBitmask = 1 << 0
    static let robotCategory: cpBitmask = 1 << 1
    static let objectCategory: cpBitmask = 1 << 2
    static let everything: cpBitmask = .max

    /// Walls collide with everything.
    static let wall = cpShapeFilterNew(0, wallCategory, everything)
    /// Objects collide with everything.
    static let object = cpShapeFilterNew(0, objectCategory, everything)
    /// A mobile robot collides with walls and objects.
    static let mobileRobot = cpShapeFilterNew(robotGroup, robotCategory, everything)
    /// Arm links and the arm base touch objects only (they move above the walls).
    static let armPart = cpShapeFilterNew(robotGroup, robotCategory, objectCategory)
    /// Sensor rays see walls and objects, not the robot carrying them.
    static let sensor = cpShapeFilterNew(robotGroup, everything, wallCategory | objectCategory)
}
