/// An RGB colour with 8-bit channels.
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
}
