#if Viewer
/// An 8-bit sRGB colour with straight (non-premultiplied) alpha.
public struct Color: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    public var alpha: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Parses `#rrggbb` or `#rrggbbaa`; nil for anything else.
    public init?(hex: String) {
        guard hex.hasPrefix("#") else { return nil }
        let digits = hex.dropFirst()
        guard digits.count == 6 || digits.count == 8, let value = UInt32(digits, radix: 16) else { return nil }
        let full = digits.count == 6 ? value << 8 | 0xFF : value
        self.init(
            red: UInt8(truncatingIfNeeded: full >> 24), green: UInt8(truncatingIfNeeded: full >> 16),
            blue: UInt8(truncatingIfNeeded: full >> 8), alpha: UInt8(truncatingIfNeeded: full))
    }

    /// The colour packed as ARGB8888, the canvas pixel format (alpha ignored by the canvas).
    @inlinable public var argb: UInt32 {
        UInt32(alpha) << 24 | UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)
    }

    /// The opaque colour of an ARGB8888 pixel.
    @inlinable public init(argb: UInt32) {
        self.init(
            red: UInt8(truncatingIfNeeded: argb >> 16), green: UInt8(truncatingIfNeeded: argb >> 8),
            blue: UInt8(truncatingIfNeeded: argb), alpha: 255)
    }

    /// The same colour with its alpha replaced by `opacity` (0...1).
    public func withOpacity(_ opacity: Double) -> Color {
        var copy = self
        copy.alpha = UInt8((min(max(opacity, 0), 1) * 255).rounded())
        return copy
    }

    /// The colour with its RGB channels multiplied by `factor` (below 1 darkens), alpha kept.
    public func shaded(_ factor: Double) -> Color {
        func channel(_ c: UInt8) -> UInt8 { UInt8(min(255, max(0, (Double(c) * factor).rounded()))) }
        return Color(red: channel(red), green: channel(green), blue: channel(blue), alpha: alpha)
    }

    /// The largest per-channel difference to `other` (RGB only), for colour checks.
    public func distance(to other: Color) -> Int {
        max(abs(Int(red) - Int(other.red)), abs(Int(green) - Int(other.green)), abs(Int(blue) - Int(other.blue)))
    }
}
#endif
