/// Reading the world-file schema (snake_case keys) from YAML, validating as it goes.
extension WorldSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        name = try m.required("name", "the world's name").string()
        summary = try m.optional("description")?.string() ?? ""
        table = try TableSpec(yaml: m.required("table", "the table (size, friction)"))
        physics = try PhysicsSpec(yaml: m.required("physics", "time_step, substeps, iterations, speed caps"))
        robot = try RobotSpec(yaml: m.required("robot", "one of pusher, arm, diffdrive"))
        let objectFields = try m.required("objects", "a list of objects (may be empty: [])").sequence()
        objects = try objectFields.map { try ObjectSpec(yaml: $0) }
        observation = try m.optional("observation").map { try ObservationSpec(yaml: $0) }
            ?? ObservationSpec(kinds: [.state], pixelSize: 64, lidar: nil)
        randomization = try m.optional("randomization").map { try RandomizationSpec(yaml: $0) }
            ?? RandomizationSpec.none
        let goalField = m.optional("goal")
        goal = try goalField.map { try GoalSpec(yaml: $0) }
        episode = try m.optional("episode").map { try EpisodeSpec(yaml: $0) } ?? EpisodeSpec(maxSteps: 200)
        try m.finish()
        try checkConsistency(objectFields: objectFields, goalField: goalField, root: field)
    }

    /// Cross-field checks: unique names, everything on the table, goal object known, lidar on a mobile robot.
    private func checkConsistency(objectFields: [YAMLField], goalField: YAMLField?, root: YAMLField) throws {
        var names = Set(robotBodyNames)
        for (object, field) in zip(objects, objectFields) {
            guard names.insert(object.name).inserted else {
                throw field.error(.invalidValue, "duplicate body name '\(object.name)' (names must be unique)")
            }
            guard table.contains(object.pose.position, margin: 0) else {
                throw field.descendant("position").error(.invalidValue, "position \(object.pose.position.pointDescription) m is off the "
                                                         + "\(table.size.x) × \(table.size.y) m table")
            }
        }
        if let goal, let goalField {
            guard let object = objects.first(where: { $0.name == goal.object }) else {
                throw goalField.error(.invalidValue, "goal object '\(goal.object)' is not one of the objects")
            }
            guard object.shapesAreDisjoint else {
                throw goalField.error(.invalidValue, "the goal object's shapes overlap; coverage needs disjoint shapes")
            }
        }
        let region = randomization
        if region.poses, !(table.contains(region.regionMin, margin: 0) && table.contains(region.regionMax, margin: 0)) {
            throw root.error(.invalidValue, "randomization.region must lie on the table")
        }
        try checkFit(root: root, objectFields: objectFields)
        if case let .arm(arm) = robot {
            guard table.contains(arm.base, margin: arm.reach) else {
                throw root.error(.invalidValue, "robot.arm: base ± reach (\(arm.reach) m) must stay on the table")
            }
            if observation.lidar != nil {
                throw root.error(.invalidValue, "observation.lidar needs a mobile robot (pusher or diffdrive)")
            }
        }
    }

    /// Names of the robot's bodies (state-label prefixes), base to tip.
    public var robotBodyNames: [String] {
        switch robot {
        case let .pusher(p): return [p.name]
        case let .arm(a): return a.links.map(\.name)
        case let .diffDrive(d): return [d.name]
        }
    }
}

extension TableSpec {
    /// The table sides a world may have (m): a drawer to a room; beyond it the viewer's grid and the physics' speed
    /// caps stop making sense.
    static let sideRange = 0.1...20.0

    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        let sizeField = try m.required("size", "[width, depth] in m")
        size = try sizeField.vector()
        guard TableSpec.sideRange.contains(size.x), TableSpec.sideRange.contains(size.y) else {
            throw sizeField.error(.invalidValue, "expected [width, depth] each in \(TableSpec.sideRange.lowerBound)..."
                                  + "\(TableSpec.sideRange.upperBound) m, got [\(size.x), \(size.y)]")
        }
        friction = try m.required("friction", "the ground friction coefficient").nonNegative("friction coefficient")
        wallRadius = try m.optional("wall_radius")?.double(in: 0.001...1, "wall radius in m") ?? 0.05
        color = try m.optional("color")?.color() ?? RGB(236, 232, 222)
        wallColor = try m.optional("wall_color")?.color() ?? RGB(90, 90, 96)
        try m.finish()
    }

    /// Whether `point` lies on the table at least `margin` inside its edges.
    func contains(_ point: SIMD2<Double>, margin: Double) -> Bool {
        let half = size / 2 - margin
        return abs(point.x) <= half.x && abs(point.y) <= half.y
    }
}

extension PhysicsSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        timeStep = try m.required("time_step", "the physics time step in s").double(in: 0.0001...0.05, "time step in s")
        substeps = try m.required("substeps", "physics steps per control step").int(in: 1...1000, "substeps")
        iterations = try m.required("iterations", "solver iterations").int(in: 1...1000, "iterations")
        gravity = try m.optional("gravity")?.nonNegative("gravity in m/s²") ?? 9.81
        maxSpeed = try m.required("max_speed", "the speed cap in m/s").double(in: 0.001...100, "speed cap in m/s")
        maxAngularSpeed = try m.required("max_angular_speed", "the angular speed cap in rad/s")
            .double(in: 0.001...1000, "angular speed cap in rad/s")
        try m.finish()
    }
}

extension ObservationSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        kinds = try m.optional("kinds")?.sequence().map { item in
            guard let kind = ObservationKind(rawValue: try item.string()) else {
                throw item.error(.invalidValue, "expected one of state, pixels, lidar")
            }
            return kind
        } ?? [.state]
        pixelSize = try m.optional("pixel_size")?.int(in: 4...2048, "pixel size") ?? 64
        lidar = try m.optional("lidar").map { try LidarSpec(yaml: $0) }
        try m.finish()
        if kinds.contains(.lidar), lidar == nil {
            throw field.error(.invalidValue, "kinds include lidar but no lidar is configured")
        }
    }
}

extension LidarSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        rays = try m.required("rays", "the number of rays").int(in: 1...4096, "ray count")
        range = try m.required("range", "the maximum range in m").double(in: 0.001...100, "range in m")
        fieldOfView = try m.optional("field_of_view")?.double(in: 0...(2 * Double.pi), "field of view in rad")
            ?? 2 * Double.pi
        try m.finish()
    }
}

extension RandomizationSpec {
    /// No randomisation: nominal poses and parameters.
    static let none = RandomizationSpec(poses: false, regionMin: .zero, regionMax: .zero, angle: 0...0,
                                        mass: 1...1, friction: 1...1, size: 1...1, clearance: 0)

    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        poses = try m.optional("poses")?.bool() ?? true
        if let regionField = m.optional("region") {
            let region = try regionField.mapping()
            regionMin = try region.required("min", "the lower corner [x, y]").vector()
            regionMax = try region.required("max", "the upper corner [x, y]").vector()
            try region.finish()
            guard regionMin.x <= regionMax.x, regionMin.y <= regionMax.y else {
                throw regionField.error(.invalidValue, "expected min <= max in both coordinates")
            }
        } else if poses {
            throw m.missing("region", "the placement region {min: [x, y], max: [x, y]}")
        } else {
            regionMin = .zero
            regionMax = .zero
        }
        angle = try m.optional("angle")?.range() ?? 0...0
        mass = try m.optional("mass")?.scaleRange() ?? 1...1
        friction = try m.optional("friction")?.scaleRange() ?? 1...1
        size = try m.optional("size")?.scaleRange() ?? 1...1
        clearance = try m.optional("clearance")?.nonNegative("clearance in m") ?? 0.01
        try m.finish()
    }
}

extension GoalSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        object = try m.required("object", "the name of the object to bring to the goal").string()
        pose = try Pose(position: m.required("position", "[x, y] in m").vector(),
                        angle: m.optional("angle")?.double() ?? 0)
        successCoverage = try m.optional("success_coverage")?.double(in: 0...1, "coverage") ?? 0.95
        color = try m.optional("color")?.color() ?? RGB(140, 200, 140)
        try m.finish()
    }
}

extension EpisodeSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        maxSteps = try m.required("max_steps", "control steps per episode").int(in: 1...10_000_000, "max steps")
        try m.finish()
    }
}
