/// An RGB colour with 8-bit channels: the one colour type of worlds, pixel observations, reports and the viewer.
public struct RGB: Codable, Sendable, Equatable, Hashable {
    /// Red channel.
    public var r: UInt8
    /// Green channel.
    public var g: UInt8
    /// Blue channel.
    public var b: UInt8

    /// Creates a colour from its channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// The largest per-channel difference to `other`, for colour checks.
    public func distance(to other: RGB) -> Int {
        max(abs(Int(r) - Int(other.r)), abs(Int(g) - Int(other.g)), abs(Int(b) - Int(other.b)))
    }

    /// The colour with every channel multiplied by `factor` (below 1 darkens), rounded and clamped.
    public func shaded(_ factor: Double) -> RGB {
        func channel(_ c: UInt8) -> UInt8 { UInt8(min(255, max(0, (Double(c) * factor).rounded()))) }
        return RGB(channel(r), channel(g), channel(b))
    }
}
