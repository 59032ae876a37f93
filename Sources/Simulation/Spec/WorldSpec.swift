/// A validated description of one world: table, physics, robot, objects, sensors, randomisation and goal.
///
/// The immutable half of the spec/state split: an `Environment` builds a fresh Chipmunk space from
/// a `WorldSpec` and a seed at every reset, so everything an episode did is reproducible from the two.
/// Units are SI (metres, kilograms, seconds, radians). The table is centred on the origin and spans
/// `[-size.x/2, size.x/2] × [-size.y/2, size.y/2]`; +y is "far" (the top row of rendered images).
/// Load one with `WorldSpec.load(from:)`, `WorldSpec.parse(yaml:file:)` or `WorldSpec.builtIn(named:)`.
public struct WorldSpec: Codable, Sendable, Equatable {
    /// The world's short name (`push`, `arm`, ...).
    public var name: String
    /// One human-readable sentence about the world (`description:` in the file).
    public var summary: String
    /// The table the world happens on.
    public var table: TableSpec
    /// Integration settings and speed caps.
    public var physics: PhysicsSpec
    /// The single robot.
    public var robot: RobotSpec
    /// The movable objects, in creation order.
    public var objects: [ObjectSpec]
    /// Default observation settings (pixel size, lidar).
    public var observation: ObservationSpec
    /// Per-episode domain randomisation ranges.
    public var randomization: RandomizationSpec
    /// An optional goal pose for one object (reward = coverage of the goal outline).
    public var goal: GoalSpec?
    /// Episode length.
    public var episode: EpisodeSpec

    /// Creates a spec from its parts; call `validate()` before use when it was not loaded from YAML.
    public init(name: String, summary: String, table: TableSpec, physics: PhysicsSpec, robot: RobotSpec,
                objects: [ObjectSpec], observation: ObservationSpec, randomization: RandomizationSpec,
                goal: GoalSpec?, episode: EpisodeSpec) {
        self.name = name
        self.summary = summary
        self.table = table
        self.physics = physics
        self.robot = robot
        self.objects = objects
        self.observation = observation
        self.randomization = randomization
        self.goal = goal
        self.episode = episode
    }
}

/// The table: a rectangle centred on the origin, fenced by walls, with Coulomb ground friction.
public struct TableSpec: Codable, Sendable, Equatable {
    /// Width (x) and depth (y) in metres.
    public var size: SIMD2<Double>
    /// Ground friction coefficient between objects and the table (top-down friction).
    public var friction: Double
    /// Radius of the wall segments, whose inner surface is the table edge (m).
    public var wallRadius: Double
    /// Table colour in renders.
    public var color: RGB
    /// Wall colour in renders.
    public var wallColor: RGB

    /// Creates a table.
    public init(size: SIMD2<Double>, friction: Double, wallRadius: Double, color: RGB, wallColor: RGB) {
        self.size = size
        self.friction = friction
        self.wallRadius = wallRadius
        self.color = color
        self.wallColor = wallColor
    }
}

/// Integration settings: a fixed physics time step, several physics steps per control step.
public struct PhysicsSpec: Codable, Sendable, Equatable {
    /// Physics time step (s).
    public var timeStep: Double
    /// Physics steps per control step (control period = `timeStep * substeps`).
    public var substeps: Int
    /// Chipmunk solver iterations per physics step.
    public var iterations: Int
    /// Gravity used only to turn friction coefficients into forces (m/s²); the world is top-down.
    public var gravity: Double
    /// Speed cap for every dynamic body (m/s), against tunnelling.
    public var maxSpeed: Double
    /// Angular speed cap for every dynamic body (rad/s).
    public var maxAngularSpeed: Double

    /// Creates physics settings.
    public init(timeStep: Double, substeps: Int, iterations: Int, gravity: Double,
                maxSpeed: Double, maxAngularSpeed: Double) {
        self.timeStep = timeStep
        self.substeps = substeps
        self.iterations = iterations
        self.gravity = gravity
        self.maxSpeed = maxSpeed
        self.maxAngularSpeed = maxAngularSpeed
    }

    /// The control period `timeStep * substeps` (s).
    public var controlTimeStep: Double { timeStep * Double(substeps) }
}

/// Episode settings.
public struct EpisodeSpec: Codable, Sendable, Equatable {
    /// Control steps after which an episode is truncated.
    public var maxSteps: Int

    /// Creates episode settings.
    public init(maxSteps: Int) {
        self.maxSteps = maxSteps
    }
}
