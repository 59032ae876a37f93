/// The sensors an encoder input reads.
extension EncoderInput {
    /// The single-sensor inputs this one fuses, in fusion order (itself for a single sensor).
    public var sensors: [EncoderInput] {
        switch self {
        case .state, .pixels, .lidar: [self]
        case .stateLidar: [.state, .lidar]
        case .pixelsLidar: [.pixels, .lidar]
        }
    }

    /// Whether the encoder reads images (the data must hold pixels).
    public var readsPixels: Bool { sensors.contains(.pixels) }
    /// Whether the encoder reads lidar scans (the data must hold lidar ranges).
    public var readsLidar: Bool { sensors.contains(.lidar) }
}
