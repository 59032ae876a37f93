/// Whether the bodies fit the table and the placement region, decided when the world file is read.
extension WorldSpec {
    /// A body placed on the table (in the region when poses are randomised): its name, its largest distance from its origin (m), and the YAML field
    /// to blame when it does not fit.
    struct PlacedBody {
        let name: String
        let extent: Double
        let field: YAMLField
    }

    /// The mobile robot's and the objects' bodies at their largest size (objects at the largest size scale drawn).
    func placedBodies(root: YAMLField, objectFields: [YAMLField]) -> [PlacedBody] {
        var bodies: [PlacedBody] = []
        switch robot {
        case let .pusher(p):
            bodies.append(PlacedBody(name: p.name, extent: p.radius, field: root.descendant("robot", "pusher", "radius")))
        case let .diffDrive(d):
            bodies.append(PlacedBody(name: d.name, extent: DiffDriveController.shapes(d).map { $0.extent() }.max() ?? d.radius,
                                     field: root.descendant("robot", "diffdrive", "radius")))
        case .arm:
            break
        }
        let scale = randomization.size.upperBound
        for (object, field) in zip(objects, objectFields) {
            bodies.append(PlacedBody(name: object.name, extent: object.shapes.map { $0.extent(scale: scale) }.max() ?? 0,
                                     field: field.descendant("shapes")))
        }
        return bodies
    }

    /// Throws when a body does not fit on the table in every heading, or when pose randomisation could never place
    /// it inside the region (which would silently leave it at its nominal pose in every episode).
    func checkFit(root: YAMLField, objectFields: [YAMLField]) throws {
        let side = min(table.size.x, table.size.y)
        let scaleNote = randomization.size.upperBound == 1 ? "" : " at size scale \(randomization.size.upperBound)"
        for body in placedBodies(root: root, objectFields: objectFields) {
            guard 2 * body.extent < side else {
                throw body.field.error(.invalidValue, "'\(body.name)' is \(2 * body.extent) m across\(scaleNote), "
                                       + "larger than the \(table.size.x) × \(table.size.y) m table (every body must fit on it in any heading)")
            }
        }
        guard randomization.poses else { return }
        let regionField = root.descendant("randomization", "region")
        for body in placedBodies(root: root, objectFields: objectFields) {
            let margin = table.size / 2 - body.extent - randomization.clearance
            let low = SIMD2(max(randomization.regionMin.x, -margin.x), max(randomization.regionMin.y, -margin.y))
            let high = SIMD2(min(randomization.regionMax.x, margin.x), min(randomization.regionMax.y, margin.y))
            guard low.x <= high.x, low.y <= high.y else {
                throw regionField.error(.invalidValue, "cannot place '\(body.name)' (\(body.extent) m from its centre to its edge"
                                        + "\(scaleNote), plus clearance \(randomization.clearance) m): on this table its centre must stay "
                                        + "within ±\(margin.pointDescription) m, which the region does not reach")
            }
        }
    }
}
