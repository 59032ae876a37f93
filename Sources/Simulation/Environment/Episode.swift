import TensorCore
import Foundation
import CChipmunk

/// The mutable half of an environment: one episode's physics world, robot, objects and sensors.
final class Episode {
    let spec: WorldSpec
    let world: PhysicsWorld
    let robot: any RobotController
    private(set) var objects: [PhysicsBody] = []
    /// The goal object's polygons in its body frame (this episode's scale), if the world has a goal.
    private var goal: (object: Int, polygons: [ConvexPolygon], target: [ConvexPolygon], area: Double)?
    /// The last lidar scan: ranges (m) and ray end points.
    private(set) var lidarRanges: [Float] = []
    private(set) var lidarRays: [LidarRay] = []

    init(spec: WorldSpec, seed: UInt64) {
        self.spec = spec
        var rng = RandomStream(seed: seed)
        world = PhysicsWorld(physics: spec.physics, table: spec.table)
        robot = Episode.makeRobot(spec: spec, world: world, rng: &rng)
        for object in spec.objects {
            objects.append(placeObject(object, rng: &rng))
        }
        if let goalSpec = spec.goal, let index = spec.objects.firstIndex(where: { $0.name == goalSpec.object }) {
            let scale = objectScales[index]
            let polygons = spec.objects[index].shapes.map { ConvexPolygon(shape: $0, scale: scale) }
            let target = spec.objects[index].shapes.map { ConvexPolygon(shape: $0).transformed(by: goalSpec.pose) }
            goal = (index, polygons, target, polygons.reduce(0) { $0 + $1.area })
        }
        if let lidar = spec.observation.lidar {
            lidarRanges = Array(repeating: Float(lidar.range), count: lidar.rays)
            lidarRays = Array(repeating: LidarRay(origin: .zero, end: .zero, hit: false), count: lidar.rays)
            scanLidar()
        }
    }

    /// The size scale drawn for each object.
    var objectScales: [Double] = []

    /// All bodies of the state vector: robot first, then objects.
    var bodies: [PhysicsBody] { robot.bodies + objects }

    /// Labels of the state vector.
    var stateLabels: [String] {
        let fields = ["x", "y", "cos", "sin", "vx", "vy", "omega"]
        return bodies.flatMap { body in fields.map { "\(body.name).\($0)" } } + robot.extraStateLabels
    }

    /// One control step with an already checked action; returns whether the robot touched an object.
    func advance(_ action: [Float]) -> Bool {
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

    /// Coverage of the goal outline by the goal object (overlap area / object area), if there is a goal.
    func goalCoverage() -> Double? {
        guard let goal else { return nil }
        let body = objects[goal.object]
        let pose = Pose(position: body.position, angle: body.angle)
        var overlap = 0.0
        for polygon in goal.polygons {
            let placed = polygon.transformed(by: pose)
            for target in goal.target { overlap += placed.intersectionArea(with: target) }
        }
        return min(1, overlap / goal.area)
    }

    /// Casts the lidar's rays from the robot's centre with segment queries.
    private func scanLidar() {
        guard let lidar = spec.observation.lidar else { return }
        let origin = robot.toolPosition
        let heading = robot.bodies[0].angle
        var info = cpSegmentQueryInfo()
        for k in 0..<lidar.rays {
            let angle = heading + lidar.fieldOfView * ((Double(k) + 0.5) / Double(lidar.rays) - 0.5)
            let end = origin + lidar.range * SIMD2(cos(angle), sin(angle))
            let hit = cpSpaceSegmentQueryFirst(world.space, origin.cp, end.cp, 0, CollisionFilters.sensor, &info) != nil
            let fraction = hit ? info.alpha : 1
            lidarRanges[k] = Float(fraction * lidar.range)
            lidarRays[k] = LidarRay(origin: origin, end: origin + fraction * (end - origin), hit: hit)
        }
    }
}
