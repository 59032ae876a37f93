// Temporary stand-in for `Simulation.ObservationKind` until the `simulation` branch is merged;
// deleted by that merge. Do not merge this branch into main before then.

/// The kinds of observation a world can produce.
public enum ObservationKind: String, CaseIterable, Codable, Sendable {
    case state, pixels, lidar
}
