extension RobotSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        guard m.keys.count == 1 else { throw field.error(.invalidValue, "expected exactly one robot: pusher, arm or diffdrive") }
        if let pusher = m.optional("pusher") {
            self = .pusher(try PusherSpec(yaml: pusher))
        } else if let arm = m.optional("arm") {
            self = .arm(try ArmSpec(yaml: arm))
        } else if let diffDrive = m.optional("diffdrive") {
            self = .diffDrive(try DiffDriveSpec(yaml: diffDrive))
        } else {
            throw field.error(.missingField, "expected one robot: pusher, arm or diffdrive")
        }
        try m.finish()
    }
}

extension PusherSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        name = try m.optional("name")?.bodyName() ?? "pusher"
        radius = try m.required("radius", "the disc radius in m").positive("radius in m")
        mass = try m.required("mass", "the mass in kg").positive("mass in kg")
        friction = try m.optional("friction")?.nonNegative("friction coefficient") ?? 0.5
        stiffness = try m.required("stiffness", "the PD proportional gain in N/m").positive("stiffness in N/m")
        damping = try m.required("damping", "the PD derivative gain in N·s/m").nonNegative("damping in N·s/m")
        maxForce = try m.required("max_force", "the force limit in N").positive("force in N")
        pose = try Pose(yaml: m)
        color = try m.optional("color")?.color() ?? RGB(220, 70, 60)
        try m.finish()
    }
}

extension ArmSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        name = try m.optional("name")?.bodyName() ?? "arm"
        base = try m.required("base", "the base position [x, y] in m").vector()
        baseRadius = try m.optional("base_radius")?.positive("base radius in m") ?? 0.04
        let linkFields = try m.required("links", "a list of 1 to 4 links").sequence()
        guard (1...4).contains(linkFields.count) else { throw field.error(.invalidValue, "expected 1 to 4 links") }
        links = try linkFields.enumerated().map { try LinkSpec(yaml: $1, index: $0) }
        maxJointSpeed = try m.required("max_joint_speed", "the joint speed limit in rad/s").double(in: 0.001...1000, "joint speed in rad/s")
        maxTorque = try m.required("max_torque", "the motor torque limit in N·m").positive("torque in N·m")
        friction = try m.optional("friction")?.nonNegative("friction coefficient") ?? 0.5
        color = try m.optional("color")?.color() ?? RGB(220, 70, 60)
        try m.finish()
    }
}

extension LinkSpec {
    init(yaml field: YAMLField, index: Int) throws {
        let m = try field.mapping()
        name = try m.optional("name")?.bodyName() ?? "link\(index + 1)"
        length = try m.required("length", "the joint-to-joint length in m").positive("length in m")
        width = try m.required("width", "the link width in m").positive("width in m")
        mass = try m.required("mass", "the mass in kg").positive("mass in kg")
        let limitsField = try m.required("limits", "[low, high] joint limits in rad")
        limits = try limitsField.range()
        guard limits.lowerBound < limits.upperBound else {
            throw limitsField.error(.invalidValue, "expected low < high")
        }
        let angleField = m.optional("angle")
        angle = try angleField?.double() ?? 0
        if let angleField, !limits.contains(angle) {
            throw angleField.error(.invalidValue, "initial angle \(angle) is outside the limits \(limits)")
        }
        try m.finish()
    }
}

extension DiffDriveSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        name = try m.optional("name")?.bodyName() ?? "robot"
        radius = try m.required("radius", "the chassis radius in m").positive("radius in m")
        mass = try m.required("mass", "the mass in kg").positive("mass in kg")
        friction = try m.optional("friction")?.nonNegative("friction coefficient") ?? 0.5
        trackWidth = try m.required("track_width", "the distance between the wheels in m").positive("track width in m")
        maxWheelSpeed = try m.required("max_wheel_speed", "the wheel speed limit in m/s").double(in: 0.001...100, "wheel speed in m/s")
        maxForce = try m.required("max_force", "the traction force limit in N").positive("force in N")
        maxTorque = try m.required("max_torque", "the traction torque limit in N·m").positive("torque in N·m")
        pose = try Pose(yaml: m)
        color = try m.optional("color")?.color() ?? RGB(220, 70, 60)
        try m.finish()
    }
}
