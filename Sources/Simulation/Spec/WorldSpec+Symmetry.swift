import Foundation

extension WorldSpec {
    /// Whether the eight symmetries of the square (quarter turns about the table centre, and mirrors)
    /// map every trajectory of this world onto another trajectory of it.
    ///
    /// True for a square table with a pusher (its action is a point on the table, its action box is
    /// then square too) and objects whose shapes are all mirror-symmetric about the body's local
    /// y axis: mirroring the world `x → −x` turns a body at angle θ into the same body at angle −θ.
    /// Ground friction, the PD controller and the speed caps are isotropic, walls follow the table.
    public var hasSquareSymmetry: Bool {
        guard table.size.x == table.size.y, case .pusher = robot else { return false }
        return objects.allSatisfy { $0.shapes.allSatisfy(\.isMirrorSymmetricAboutLocalY) }
    }
}

extension ShapeSpec {
    /// Whether the shape is its own mirror image under the body-frame reflection `x → −x`.
    public var isMirrorSymmetricAboutLocalY: Bool {
        let tolerance = 1e-9
        switch self {
        case let .circle(_, offset):
            return abs(offset.x) <= tolerance
        case let .box(_, offset, angle):
            return abs(offset.x) <= tolerance && abs(sin(2 * angle)) <= tolerance
        case let .polygon(points):
            return points.allSatisfy { p in points.contains { q in abs(q.x + p.x) <= tolerance && abs(q.y - p.y) <= tolerance } }
        }
    }
}
