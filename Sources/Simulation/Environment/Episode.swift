import TensorCore
import Foundation
import CChipmunk

/// The mutable half of an environment: one episode's physics world, robot, objects and sensors.
final class Episode {
    let spec: WorldSpec
    /// The seed the episode was drawn from (placement, sizes, masses, frictions).
    let seed: UInt64
    let world: PhysicsWorld
    let robot: any RobotController
    /// The movable objects, in spec order.
    private(set) var objects: [PhysicsBody] = []
    /// All bodies of the state vector: robot first, then objects.
    private(set) var bodies: [PhysicsBody] = []
    /// The objects randomisation found no free pose for (the region too crowded), left at their nominal poses.
    var unplacedObjects: [String] = []
    /// The size scale drawn for each object.
    var objectScales: [Double] = []
    /// The goal object's index, if the world has a goal.
    private(set) var goalObject: Int?
    /// Measures the goal object's coverage of the goal outline.
    var goalMeter: GoalCoverage?
    /// The goal outline to draw, if the world has a goal.
    private(set) var sceneGoal: SceneGoal?
    /// The last lidar scan: ranges (m) and ray end points.
    var lidarRanges: [Float] = []
    var lidarRays: [LidarRay] = []
    /// The checked action of the last control step; nil before the first.
    var lastCommand: [Float]?

    init(spec: WorldSpec, seed: UInt64) {
        self.spec = spec
        self.seed = seed
        var rng = RandomStream(seed: seed)
        world = PhysicsWorld(physics: spec.physics, table: spec.table)
        robot = Episode.makeRobot(spec: spec, world: world, rng: &rng)
        for object in spec.objects {
            objects.append(placeObject(object, rng: &rng))
        }
        bodies = robot.bodies + objects
        if let goalSpec = spec.goal, let index = spec.objects.firstIndex(where: { $0.name == goalSpec.object }) {
            goalObject = index
            goalMeter = GoalCoverage(object: spec.objects[index], goal: goalSpec.pose)
            sceneGoal = SceneGoal(position: goalSpec.pose.position, angle: goalSpec.pose.angle,
                                  shapes: spec.objects[index].shapes.map { $0.sceneShape() }, color: goalSpec.color)
        }
        if let lidar = spec.observation.lidar {
            lidarRanges = Array(repeating: Float(lidar.range), count: lidar.rays)
            lidarRays = Array(repeating: LidarRay(origin: .zero, end: .zero, hit: false), count: lidar.rays)
            scanLidar()
        }
    }

    /// Labels of the state vector: every body's pose, velocity and size scale, then the robot's extra entries.
    var stateLabels: [String] {
        let fields = ["x", "y", "cos", "sin", "vx", "vy", "omega", "scale"]
        return bodies.flatMap { body in fields.map { "\(body.name).\($0)" } } + robot.extraStateLabels
    }

    /// Each body's size relative to its shapes in the world file: 1 for the robot, the drawn scale for objects.
    var bodyScales: [Double] {
        robot.bodies.map { _ in 1 } + objectScales
    }

    /// One control step with an already checked action; returns whether the robot touched an object.
    func advance(_ action: [Float]) -> Bool {
        lastCommand = action
        robot.setAction(action)
        world.contacts.beginControlStep()
        for _ in 0..<spec.physics.substeps {
            robot.applyControl()
            world.step()
        }
        if spec.observation.lidar != nil { scanLidar() }
        return world.contacts.touched
    }

    /// Bare physics steps (benchmark limit).
    func stepPhysicsOnly(count: Int) {
        for _ in 0..<count { cpSpaceStep(world.space, spec.physics.timeStep) }
    }
}
