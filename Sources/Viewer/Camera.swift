#if Viewer
/// A rectangle of screen pixels.
public struct PixelRect: Equatable, Sendable {
    public var x: Double, y: Double, width: Double, height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Maps world metres (y up) to screen pixels (y down) so that a world rectangle fills a viewport
/// as large as possible with its aspect ratio kept, centred, with at least `margin` pixels around it.
public struct Camera: Equatable, Sendable {
    /// The world rectangle to show, in metres.
    public var worldMin: SIMD2<Double>
    public var worldMax: SIMD2<Double>
    /// Where on the screen it goes, in pixels.
    public var viewport: PixelRect
    public var margin: Double

    public init(worldMin: SIMD2<Double>, worldMax: SIMD2<Double>, viewport: PixelRect, margin: Double = 16) {
        precondition(worldMax.x > worldMin.x && worldMax.y > worldMin.y, "the world rectangle must have a positive size")
        self.worldMin = worldMin
        self.worldMax = worldMax
        self.viewport = viewport
        self.margin = margin
    }

    /// Pixels per metre.
    public var scale: Double {
        let size = worldMax - worldMin
        let usableWidth = max(1, viewport.width - 2 * margin), usableHeight = max(1, viewport.height - 2 * margin)
        return min(usableWidth / size.x, usableHeight / size.y)
    }

    /// The screen point (pixels, y down) of a world point (metres, y up).
    public func toScreen(_ world: SIMD2<Double>) -> SIMD2<Double> {
        let s = scale, centre = (worldMin + worldMax) / 2
        return SIMD2(viewport.x + viewport.width / 2 + (world.x - centre.x) * s, viewport.y + viewport.height / 2 - (world.y - centre.y) * s)
    }

    /// The world point (metres, y up) under a screen point (pixels, y down).
    public func toWorld(_ screen: SIMD2<Double>) -> SIMD2<Double> {
        let s = scale, centre = (worldMin + worldMax) / 2
        return SIMD2(centre.x + (screen.x - viewport.x - viewport.width / 2) / s, centre.y - (screen.y - viewport.y - viewport.height / 2) / s)
    }

    /// A length in metres as pixels.
    public func pixels(_ metres: Double) -> Double { metres * scale }
}
#endif
