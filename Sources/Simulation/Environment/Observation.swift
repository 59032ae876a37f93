/// A kind of observation an environment can produce.
public enum ObservationKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Poses and velocities of every body (robot first), plus arm joint angles and velocities.
    case state
    /// A square RGB image of the table rendered from above.
    case pixels
    /// Lidar ranges (m), where the world has a lidar.
    case lidar
}

/// Which observations an environment produces, and at what image size.
public struct ObservationSettings: Sendable, Equatable, Codable {
    /// The kinds to produce (any combination).
    public var kinds: Set<ObservationKind>
    /// Side of the square image (pixels).
    public var pixelSize: Int

    /// Creates settings; `pixelSize` defaults to 64.
    public init(kinds: Set<ObservationKind>, pixelSize: Int = 64) {
        self.kinds = kinds
        self.pixelSize = pixelSize
    }

    /// The world's default settings.
    public init(spec: WorldSpec) {
        self.init(kinds: Set(spec.observation.kinds), pixelSize: spec.observation.pixelSize)
    }
}

/// One observation; fields the settings did not ask for are empty or nil.
public struct Observation: Sendable, Equatable {
    /// The state vector (`Environment.stateLabels` names each entry); empty unless `state` was asked for.
    public var state: [Float]
    /// `H*W*3` RGB bytes, row-major, the top row is the far edge (+y); nil unless `pixels` was asked for.
    public var pixels: [UInt8]?
    /// Lidar ranges in metres; nil unless `lidar` was asked for.
    public var lidar: [Float]?

    /// Creates an observation.
    public init(state: [Float], pixels: [UInt8]?, lidar: [Float]?) {
        self.state = state
        self.pixels = pixels
        self.lidar = lidar
    }
}
