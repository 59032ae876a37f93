import Foundation

/// Whether the bodies fit the table and the placement region, decided when the world file is read.
extension WorldSpec {
    /// A body placed on the table (in the region when poses are randomised): its name, its largest distance from its
    /// origin (m), whether that is at the largest size scale drawn, and the YAML field to blame when it does not fit.
    struct PlacedBody {
        let name: String
        let extent: Double
        let scaled: Bool
        let field: YAMLField
    }

    /// The mobile robot's and the objects' bodies at their largest size (objects at the largest size scale drawn).
    func placedBodies(root: YAMLField, objectFields: [YAMLField]) -> [PlacedBody] {
        var bodies: [PlacedBody] = []
        switch robot {
        case let .pusher(p):
            bodies.append(PlacedBody(name: p.name, extent: p.radius, scaled: false, field: root.descendant("robot", "pusher", "radius")))
        case let .diffDrive(d):
            bodies.append(PlacedBody(name: d.name, extent: DiffDriveController.shapes(d).map { $0.extent() }.max() ?? d.radius,
                                     scaled: false, field: root.descendant("robot", "diffdrive", "radius")))
        case .arm:
            break
        }
        let scale = randomization.size.upperBound
        for (object, field) in zip(objects, objectFields) {
            bodies.append(PlacedBody(name: object.name, extent: object.shapes.map { $0.extent(scale: scale) }.max() ?? 0,
                                     scaled: scale != 1, field: field.descendant("shapes")))
        }
        return bodies
    }

    /// Throws when a body does not fit on the table in every heading, or when pose randomisation could never place
    /// it inside the region (which would silently leave it at its nominal pose in every episode).
    func checkFit(root: YAMLField, objectFields: [YAMLField]) throws {
        func metres(_ value: Double) -> String { String(format: "%.3g m", value) }
        let bodies = placedBodies(root: root, objectFields: objectFields)
        let scaleNote = " at size scale \(randomization.size.upperBound)"
        let side = min(table.size.x, table.size.y)
        for body in bodies where 2 * body.extent >= side {
            throw body.field.error(.invalidValue, "'\(body.name)' is \(metres(2 * body.extent)) across\(body.scaled ? scaleNote : ""), "
                                   + "too large for the \(table.size.x) × \(table.size.y) m table (every body must fit on it in any heading)")
        }
        guard randomization.poses else { return }
        let regionField = root.descendant("randomization", "region")
        for body in bodies {
            let margin = table.size / 2 - body.extent - randomization.clearance
            let low = SIMD2(max(randomization.regionMin.x, -margin.x), max(randomization.regionMin.y, -margin.y))
            let high = SIMD2(min(randomization.regionMax.x, margin.x), min(randomization.regionMax.y, margin.y))
            guard low.x <= high.x, low.y <= high.y else {
                throw regionField.error(.invalidValue, "no room for '\(body.name)' (\(metres(body.extent)) from its centre to its edge"
                                        + "\(body.scaled ? scaleNote : ""), plus clearance \(metres(randomization.clearance))): its centre "
                                        + "must stay within ±\(metres(margin.x)) in x and ±\(metres(margin.y)) in y of the table centre, "
                                        + "outside this region")
            }
        }
    }
}
