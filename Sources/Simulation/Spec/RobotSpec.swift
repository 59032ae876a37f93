/// The world's single robot: a disc pusher, a planar arm, or a differential-drive base.
public enum RobotSpec: Codable, Sendable, Equatable {
    /// A disc pushed by a PD controller toward a target position (action = target x, y).
    case pusher(PusherSpec)
    /// A planar arm of pivot-jointed links driven by velocity motors (action = joint velocities).
    case arm(ArmSpec)
    /// A differential-drive disc robot (action = left and right wheel speeds).
    case diffDrive(DiffDriveSpec)

    /// Whether the action is a target point in world coordinates (the pusher's), not a joint or wheel command.
    public var takesTargetPoints: Bool {
        if case .pusher = self { return true }
        return false
    }

    /// The robot's name (prefix of its state labels).
    public var name: String {
        switch self {
        case let .pusher(p): return p.name
        case let .arm(a): return a.name
        case let .diffDrive(d): return d.name
        }
    }
}

/// A disc pusher driven toward a target position by a PD force controller.
public struct PusherSpec: Codable, Sendable, Equatable {
    /// Body name.
    public var name: String
    /// Disc radius (m).
    public var radius: Double
    /// Mass (kg).
    public var mass: Double
    /// Contact friction coefficient.
    public var friction: Double
    /// Proportional gain (N/m).
    public var stiffness: Double
    /// Derivative gain (N·s/m).
    public var damping: Double
    /// Force limit (N).
    public var maxForce: Double
    /// Nominal start pose.
    public var pose: Pose
    /// Render colour.
    public var color: RGB

    /// Creates a pusher.
    public init(name: String, radius: Double, mass: Double, friction: Double, stiffness: Double,
                damping: Double, maxForce: Double, pose: Pose, color: RGB) {
        self.name = name
        self.radius = radius
        self.mass = mass
        self.friction = friction
        self.stiffness = stiffness
        self.damping = damping
        self.maxForce = maxForce
        self.pose = pose
        self.color = color
    }
}

/// One link of a planar arm: a capsule from its joint to the next joint.
public struct LinkSpec: Codable, Sendable, Equatable {
    /// Link name (state labels `<name>.x`, `<name>.angle`...).
    public var name: String
    /// Joint-to-joint length (m).
    public var length: Double
    /// Capsule width (m).
    public var width: Double
    /// Mass (kg).
    public var mass: Double
    /// Joint limits relative to the parent link (rad).
    public var limits: ClosedRange<Double>
    /// Initial joint angle relative to the parent link (rad).
    public var angle: Double

    /// Creates a link.
    public init(name: String, length: Double, width: Double, mass: Double, limits: ClosedRange<Double>, angle: Double) {
        self.name = name
        self.length = length
        self.width = width
        self.mass = mass
        self.limits = limits
        self.angle = angle
    }
}

/// A planar arm fixed to the table at `base`, links from base to tip, simple motors with a torque limit.
public struct ArmSpec: Codable, Sendable, Equatable {
    /// Robot name.
    public var name: String
    /// Base position on the table (m).
    public var base: SIMD2<Double>
    /// Base disc radius (m), drawn and collided with objects.
    public var baseRadius: Double
    /// The links, base first.
    public var links: [LinkSpec]
    /// Joint speed limit, the action bound (rad/s).
    public var maxJointSpeed: Double
    /// Motor torque limit (N·m).
    public var maxTorque: Double
    /// Contact friction coefficient of the links.
    public var friction: Double
    /// Render colour.
    public var color: RGB

    /// Creates an arm.
    public init(name: String, base: SIMD2<Double>, baseRadius: Double, links: [LinkSpec], maxJointSpeed: Double,
                maxTorque: Double, friction: Double, color: RGB) {
        self.name = name
        self.base = base
        self.baseRadius = baseRadius
        self.links = links
        self.maxJointSpeed = maxJointSpeed
        self.maxTorque = maxTorque
        self.friction = friction
        self.color = color
    }

    /// The full reach from the base to the tip (m).
    public var reach: Double { links.reduce(0) { $0 + $1.length } }
}

/// A differential-drive disc robot with a bumper nose; wheel traction is a velocity constraint with force limits.
public struct DiffDriveSpec: Codable, Sendable, Equatable {
    /// Body name.
    public var name: String
    /// Chassis radius (m).
    public var radius: Double
    /// Mass (kg).
    public var mass: Double
    /// Contact friction coefficient.
    public var friction: Double
    /// Distance between the wheels (m).
    public var trackWidth: Double
    /// Wheel speed limit, the action bound (m/s).
    public var maxWheelSpeed: Double
    /// Traction force limit (N).
    public var maxForce: Double
    /// Traction torque limit (N·m).
    public var maxTorque: Double
    /// Nominal start pose.
    public var pose: Pose
    /// Render colour.
    public var color: RGB

    /// Creates a differential-drive robot.
    public init(name: String, radius: Double, mass: Double, friction: Double, trackWidth: Double,
                maxWheelSpeed: Double, maxForce: Double, maxTorque: Double, pose: Pose, color: RGB) {
        self.name = name
        self.radius = radius
        self.mass = mass
        self.friction = friction
        self.trackWidth = trackWidth
        self.maxWheelSpeed = maxWheelSpeed
        self.maxForce = maxForce
        self.maxTorque = maxTorque
        self.pose = pose
        self.color = color
    }
}
