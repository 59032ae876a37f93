/// Where a body's planar pose and velocity sit among its state fields.
///
/// Bodies of the built-in worlds carry `x, y, cos, sin, vx, vy, omega`; transforms of whole poses
/// (the square's symmetries, body-frame coding) need all seven.
public struct PoseFields: Sendable, Equatable {
    /// Field indices within one body's block of fields.
    public let x, y, cos, sin, vx, vy, omega: Int

    /// The field names, in the order of the stored indices.
    public static let names = ["x", "y", "cos", "sin", "vx", "vy", "omega"]

    /// Looks the seven fields up in `fields`; nil when any is missing.
    public init?(fields: [String]) {
        let found = PoseFields.names.compactMap { fields.firstIndex(of: $0) }
        guard found.count == PoseFields.names.count else { return nil }
        (x, y, cos, sin, vx, vy, omega) = (found[0], found[1], found[2], found[3], found[4], found[5], found[6])
    }
}
