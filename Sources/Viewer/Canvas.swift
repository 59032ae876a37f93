#if Viewer
import Simulation

/// An ARGB8888 pixel buffer the viewer draws into, row-major with the top row first.
///
/// Drawing blends in sRGB with the drawing's opacity times the shape's coverage; the buffer's own
/// alpha byte is always 0xFF, so the pixels can go straight to an SDL texture or a PNG.
public struct Canvas: Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// `width * height` pixels, row-major, top row first.
    public internal(set) var pixels: [UInt32]
    /// Drawing only touches pixels in this rectangle; the whole canvas unless narrowed with `clip(to:)`.
    public private(set) var clipRect: ClipRect

    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "canvas size must be positive")
        self.width = width
        self.height = height
        pixels = [UInt32](repeating: 0xFF00_0000, count: width * height)
        clipRect = ClipRect(minX: 0, minY: 0, maxX: width, maxY: height)
    }

    /// Narrows drawing to the pixels of `rect` (rounded outward) that lie on the canvas.
    public mutating func clip(to rect: PixelRect) {
        clipRect = ClipRect(
            minX: max(0, Int(rect.x.rounded(.down))), minY: max(0, Int(rect.y.rounded(.down))),
            maxX: min(width, Int((rect.x + rect.width).rounded(.up))), maxY: min(height, Int((rect.y + rect.height).rounded(.up))))
    }

    /// Lets drawing reach the whole canvas again.
    public mutating func resetClip() {
        clipRect = ClipRect(minX: 0, minY: 0, maxX: width, maxY: height)
    }

    /// Changes the size, keeping the buffer's capacity when it shrinks; the contents are undefined afterwards.
    public mutating func resize(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "canvas size must be positive")
        guard width != self.width || height != self.height else { return }
        self.width = width
        self.height = height
        pixels = [UInt32](repeating: 0xFF00_0000, count: width * height)
        resetClip()
    }

    /// The opaque colour at pixel (x, y).
    public subscript(x: Int, y: Int) -> RGB {
        RGB(argb: pixels[y * width + x])
    }

    /// Sets every pixel to `color`, whatever the clip.
    public mutating func clear(to color: RGB) {
        let value = color.argb
        pixels.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }

    /// Blends `color` at `opacity` (0...1) over the pixel rectangle [x0, x1) × [y0, y1), clipped to the canvas.
    public mutating func fillRect(x0: Int, y0: Int, x1: Int, y1: Int, color: RGB, opacity: Double = 1) {
        let left = max(clipRect.minX, x0), right = min(clipRect.maxX, x1)
        let top = max(clipRect.minY, y0), bottom = min(clipRect.maxY, y1)
        let alpha = Blend.alpha(opacity)
        guard left < right, top < bottom, alpha > 0 else { return }
        let stride = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in top..<bottom {
                Blend.span(buffer, from: y * stride + left, count: right - left, color: color, alpha: alpha, coverage: 255)
            }
        }
    }
}

/// A rectangle of whole pixels: columns minX..<maxX, rows minY..<maxY.
public struct ClipRect: Equatable, Sendable {
    public var minX: Int, minY: Int, maxX: Int, maxY: Int
}

/// Source-over blending of a colour into ARGB8888 pixels, two channels per multiply.
enum Blend {
    /// An opacity (clamped to 0...1) as an 8-bit alpha.
    @inline(__always)
    static func alpha(_ opacity: Double) -> UInt32 {
        UInt32((min(max(opacity, 0), 1) * 255).rounded())
    }

    /// Blends `color` with weight `coverage` (0...255, multiplied by the colour's alpha) into one pixel.
    @inline(__always)
    static func pixel(_ destination: UInt32, _ color: UInt32, alpha: UInt32, coverage: UInt32) -> UInt32 {
        mix(destination, color, weight: weight(alpha: alpha, coverage: coverage))
    }

    /// The source weight (0...256) of a colour alpha (0...255) at a coverage (0...255).
    @inline(__always)
    static func weight(alpha: UInt32, coverage: UInt32) -> UInt32 {
        let a = (alpha * coverage + 255) >> 8  // 0...255
        return a + (a >> 7)
    }

    /// `color` × weight/256 + `destination` × (1 - weight/256), per channel, opaque.
    @inline(__always)
    static func mix(_ destination: UInt32, _ color: UInt32, weight w: UInt32) -> UInt32 {
        let inv = 256 - w
        let rb = ((color & 0x00FF_00FF) * w + (destination & 0x00FF_00FF) * inv) >> 8 & 0x00FF_00FF
        let g = ((color & 0x0000_FF00) * w + (destination & 0x0000_FF00) * inv) >> 8 & 0x0000_FF00
        return 0xFF00_0000 | rb | g
    }

    /// Blends `color` at `alpha` (0...255) with a constant `coverage` (0...255) into `count` pixels starting at `start`.
    @inline(__always)
    static func span(
        _ buffer: UnsafeMutableBufferPointer<UInt32>, from start: Int, count: Int, color: RGB, alpha: UInt32, coverage: UInt32
    ) {
        let argb = color.argb & 0x00FF_FFFF
        let w = weight(alpha: alpha, coverage: coverage)
        guard w > 0 else { return }
        let base = buffer.baseAddress!.advanced(by: start)
        if w >= 256 {
            base.update(repeating: argb | 0xFF00_0000, count: count)
            return
        }
        for i in 0..<count { base[i] = mix(base[i], argb, weight: w) }
    }
}
#endif
