#if Viewer
/// An ARGB8888 pixel buffer the viewer draws into, row-major with the top row first.
///
/// Drawing blends in sRGB with the colour's alpha times the shape's coverage; the buffer's own
/// alpha byte is always 0xFF, so the pixels can go straight to an SDL texture or a PNG.
public struct Canvas: Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// `width * height` pixels, row-major, top row first.
    public internal(set) var pixels: [UInt32]

    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "canvas size must be positive")
        self.width = width
        self.height = height
        pixels = [UInt32](repeating: 0xFF00_0000, count: width * height)
    }

    /// Changes the size, keeping the buffer's capacity when it shrinks; the contents are undefined afterwards.
    public mutating func resize(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "canvas size must be positive")
        guard width != self.width || height != self.height else { return }
        self.width = width
        self.height = height
        pixels = [UInt32](repeating: 0xFF00_0000, count: width * height)
    }

    /// The opaque colour at pixel (x, y).
    public subscript(x: Int, y: Int) -> Color {
        Color(argb: pixels[y * width + x])
    }

    /// Sets every pixel to `color` (alpha ignored).
    public mutating func clear(to color: Color) {
        let value = color.argb | 0xFF00_0000
        pixels.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }

    /// Blends `color` over the pixel rectangle [x0, x1) × [y0, y1), clipped to the canvas.
    public mutating func fillRect(x0: Int, y0: Int, x1: Int, y1: Int, color: Color) {
        let left = max(0, x0), right = min(width, x1), top = max(0, y0), bottom = min(height, y1)
        guard left < right, top < bottom, color.alpha > 0 else { return }
        let stride = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in top..<bottom {
                Blend.span(buffer, from: y * stride + left, count: right - left, color: color, coverage: 255)
            }
        }
    }
}

/// Source-over blending of a colour into ARGB8888 pixels, two channels per multiply.
enum Blend {
    /// Blends `color` with weight `coverage` (0...255, multiplied by the colour's alpha) into one pixel.
    @inline(__always)
    static func pixel(_ destination: UInt32, _ color: UInt32, alpha: UInt32, coverage: UInt32) -> UInt32 {
        let a = (alpha * coverage + 255) >> 8  // 0...255
        if a >= 255 { return color | 0xFF00_0000 }
        let w = a + (a >> 7)  // 0...256
        let inv = 256 - w
        let rb = ((color & 0x00FF_00FF) * w + (destination & 0x00FF_00FF) * inv) >> 8 & 0x00FF_00FF
        let g = ((color & 0x0000_FF00) * w + (destination & 0x0000_FF00) * inv) >> 8 & 0x0000_FF00
        return 0xFF00_0000 | rb | g
    }

    /// Blends `color` with a constant `coverage` (0...255) into `count` pixels starting at `start`.
    @inline(__always)
    static func span(_ buffer: UnsafeMutableBufferPointer<UInt32>, from start: Int, count: Int, color: Color, coverage: UInt32) {
        let alpha = UInt32(color.alpha), argb = color.argb & 0x00FF_FFFF
        if alpha * coverage >= 255 * 255 {
            buffer.baseAddress!.advanced(by: start).update(repeating: argb | 0xFF00_0000, count: count)
            return
        }
        for i in start..<(start + count) {
            buffer[i] = pixel(buffer[i], argb, alpha: alpha, coverage: coverage)
        }
    }
}
#endif
