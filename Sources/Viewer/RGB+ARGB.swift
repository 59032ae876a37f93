#if Viewer
import Simulation

extension RGB {
    /// The colour as an opaque ARGB8888 pixel, the canvas's format.
    @inlinable public var argb: UInt32 {
        0xFF00_0000 | UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
    }

    /// The colour of an ARGB8888 pixel (alpha ignored).
    @inlinable public init(argb: UInt32) {
        self.init(UInt8(truncatingIfNeeded: argb >> 16), UInt8(truncatingIfNeeded: argb >> 8), UInt8(truncatingIfNeeded: argb))
    }
}
#endif
