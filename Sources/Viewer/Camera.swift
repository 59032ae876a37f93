#if Viewer
/// Maps world metres (y up) to screen pixels (y down) so that a world rectangle fills a viewport
/// as large as possible with its aspect ratio kept and the rest left as margin.
public struct Camera: Equatable, Sendable {
    /// The world rectangle to show, in metres.
    public var worldMin: SIMD2<Double>
    public var worldMax: SIMD2<Double>
    /// The screen size in pixels.
    public var screenWidth: Int
    public var screenHeight: Int
    /// The margin kept free on every side, in pixels.
    public var margin: Double

    public init(worldMin: SIMD2<Double>, worldMax: SIMD2<Double>, screenWidth: Int, screenHeight: Int, margin: Double = 24) {
        precondition(worldMax.x > worldMin.x && worldMax.y > worldMin.y, "the world rectangle must have a positive size")
        self.worldMin = worldMin
        self.worldMax = worldMax
        self.screenWidth = screenWidth
        self.screenHeight = screenHeight
        self.margin = margin
    }

    /// Pixels per metre.
    public var scale: Double {
        let size = worldMax - worldMin
        let usableWidth = max(1, Double(screenWidth) - 2 * margin), usableHeight = max(1, Double(screenHeight) - 2 * margin)
        return min(usableWidth / size.x, usableHeight / size.y)
    }

    /// The screen point (pixels, y down) of a world point (metres, y up).
    @inlinable public func toScreen(_ world: SIMD2<Double>) -> SIMD2<Double> {
        let s = scale, centre = (worldMin + worldMax) / 2
        return SIMD2(Double(screenWidth) / 2 + (world.x - centre.x) * s, Double(screenHeight) / 2 - (world.y - centre.y) * s)
    }

    /// The world point (metres, y up) under a screen point (pixels, y down).
    @inlinable public func toWorld(_ screen: SIMD2<Double>) -> SIMD2<Double> {
        let s = scale, centre = (worldMin + worldMax) / 2
        return SIMD2(centre.x + (screen.x - Double(screenWidth) / 2) / s, centre.y - (screen.y - Double(screenHeight) / 2) / s)
    }

    /// A length in metres as pixels.
    @inlinable public func pixels(_ metres: Double) -> Double { metres * scale }
}
#endif
