import TensorCore
import CChipmunk

extension Episode {
    /// Builds the robot at its nominal pose, or a random one in the placement region for mobile robots.
    static func makeRobot(spec: WorldSpec, world: PhysicsWorld, rng: inout RandomStream) -> any RobotController {
        let space = spec.actionSpace
        switch spec.robot {
        case let .pusher(p):
            let pose = randomPose(nominal: p.pose, extent: p.radius, spec: spec, rng: &rng)
            return PusherController(spec: p, actionSpace: space, world: world, pose: pose)
        case let .arm(a):
            return ArmController(spec: a, actionSpace: space, world: world)
        case let .diffDrive(d):
            let extent = DiffDriveController.shapes(d).map { $0.extent() }.max() ?? d.radius
            let pose = randomPose(nominal: d.pose, extent: extent, spec: spec, rng: &rng)
            return DiffDriveController(spec: d, actionSpace: space, world: world, pose: pose)
        }
    }

    /// A pose drawn uniformly in the placement region (kept `extent + clearance` inside the table),
    /// or `nominal` when pose randomisation is off or the region is empty.
    static func randomPose(nominal: Pose, extent: Double, spec: WorldSpec, rng: inout RandomStream) -> Pose {
        let r = spec.randomization
        guard r.poses else { return nominal }
        let margin = spec.table.size / 2 - extent - r.clearance
        let low = SIMD2(max(r.regionMin.x, -margin.x), max(r.regionMin.y, -margin.y))
        let high = SIMD2(min(r.regionMax.x, margin.x), min(r.regionMax.y, margin.y))
        let x = rng.uniform(in: min(low.x, high.x)...high.x)
        let y = rng.uniform(in: min(low.y, high.y)...high.y)
        let angle = rng.uniform(in: r.angle)
        guard low.x <= high.x, low.y <= high.y else { return nominal }
        return Pose(position: SIMD2(x, y), angle: angle)
    }

    /// Draws the object's scales, finds it a free pose (up to 100 tries), and adds it with ground friction.
    ///
    /// A pose is free when the object, grown by the clearance, overlaps nothing already placed.
    /// When no try succeeds the nominal pose is used and the object is listed in `unplacedObjects`.
    func placeObject(_ object: ObjectSpec, rng: inout RandomStream) -> PhysicsBody {
        let r = spec.randomization
        let size = rng.uniform(in: r.size)
        let massScale = rng.uniform(in: r.mass)
        let frictionScale = rng.uniform(in: r.friction)
        objectScales.append(size)
        let recipe = BodyRecipe(
            name: object.name, role: .object, shapes: object.shapes, scale: size, mass: object.mass * massScale,
            material: ShapeMaterial(friction: object.friction * frictionScale, elasticity: object.elasticity,
                                    type: CollisionFilters.objectType, filter: CollisionFilters.object),
            color: object.color)
        var pose = object.pose
        if r.poses {
            let extent = object.shapes.map { $0.extent(scale: size) }.max() ?? 0
            var placed = false
            for _ in 0..<100 where !placed {
                let candidate = Episode.randomPose(nominal: object.pose, extent: extent, spec: spec, rng: &rng)
                if world.isFree(recipe, at: candidate, clearance: r.clearance) {
                    pose = candidate
                    placed = true
                }
            }
            if !placed { unplacedObjects.append(object.name) }
        }
        let made = world.makeBody(recipe, at: pose)
        world.insert(made.body, shapes: made.shapes)
        world.addGroundFriction(to: made.body.body, coefficient: (object.groundFriction ?? spec.table.friction) * frictionScale)
        return made.body
    }
}

extension PhysicsWorld {
    /// Whether the recipe's shapes, grown by `clearance` and placed at `pose`, overlap nothing in the space.
    func isFree(_ recipe: BodyRecipe, at pose: Pose, clearance: Double) -> Bool {
        let body = cpBodyNewKinematic()!
        cpBodySetPosition(body, pose.position.cp)
        cpBodySetAngle(body, pose.angle)
        let probes = recipe.shapes.map { shape in
            let probe = makeShape(shape, scale: recipe.scale, margin: clearance, on: body)
            cpShapeSetFilter(probe, recipe.material.filter)
            return probe
        }
        let free = !probes.contains { cpSpaceShapeQuery(space, $0, nil, nil) != 0 }
        for probe in probes { cpShapeFree(probe) }
        cpBodyFree(body)
        return free
    }
}
