extension ObjectSpec {
    init(yaml field: YAMLField) throws {
        let m = try field.mapping()
        name = try m.required("name", "the object's unique name").bodyName()
        let shapeFields = try m.required("shapes", "a list of circle/box/polygon shapes").sequence()
        guard !shapeFields.isEmpty else { throw field.error(.invalidValue, "expected at least one shape") }
        shapes = try shapeFields.map { try ShapeSpec(yaml: $0) }
        mass = try m.required("mass", "the mass in kg").positive("mass in kg")
        friction = try m.required("friction", "the contact friction coefficient").nonNegative("friction coefficient")
        elasticity = try m.optional("elasticity")?.double(in: 0...1, "elasticity") ?? 0
        groundFriction = try m.optional("ground_friction")?.nonNegative("ground friction coefficient")
        pose = try Pose(yaml: m)
        color = try m.optional("color")?.color() ?? RGB(70, 110, 200)
        try m.finish()
    }

    /// Whether no two shapes overlap (needed for area-based goal coverage).
    var shapesAreDisjoint: Bool {
        let polygons = shapes.map { ConvexPolygon(shape: $0) }
        for i in polygons.indices {
            for j in polygons.indices where j > i {
                if polygons[i].intersectionArea(with: polygons[j]) > 1e-9 { return false }
            }
        }
        return true
    }
}

extension Pose {
    /// Reads `position: [x, y]` (required) and `angle:` (optional, 0) from a body's mapping.
    init(yaml m: YAMLMapping) throws {
        position = try m.required("position", "the start position [x, y] in m").vector()
        angle = try m.optional("angle")?.double() ?? 0
    }
}

extension ShapeSpec {
    init(yaml field: YAMLField) throws {
        let outer = try field.mapping()
        guard outer.keys.count == 1 else {
            throw field.error(.invalidValue, "expected exactly one shape per list item: {circle: ...}, {box: ...} or {polygon: ...}")
        }
        if let circle = outer.optional("circle") {
            let m = try circle.mapping()
            self = try .circle(radius: m.required("radius", "the radius in m").positive("radius in m"),
                               offset: m.optional("offset")?.vector() ?? .zero)
            try m.finish()
        } else if let box = outer.optional("box") {
            let m = try box.mapping()
            let sizeField = try m.required("size", "[width, height] in m")
            let size = try sizeField.vector()
            guard size.x > 0, size.y > 0 else {
                throw sizeField.error(.invalidValue, "expected a positive [width, height], got [\(size.x), \(size.y)]")
            }
            self = try .box(size: size, offset: m.optional("offset")?.vector() ?? .zero,
                            angle: m.optional("angle")?.double() ?? 0)
            try m.finish()
        } else if let polygon = outer.optional("polygon") {
            let m = try polygon.mapping()
            let pointsField = try m.required("points", "a list of [x, y] vertices")
            let points = try pointsField.sequence().map { try $0.vector() }
            guard let convex = ConvexPolygon(counterClockwise: points) else {
                throw pointsField.error(.invalidValue, "expected at least 3 vertices of a convex polygon with positive area")
            }
            self = .polygon(points: convex.vertices)
            try m.finish()
        } else {
            throw field.error(.wrongType, "expected a shape: {circle: ...}, {box: ...} or {polygon: ...}")
        }
        try outer.finish()
    }
}
