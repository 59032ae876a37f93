#if Viewer
import Testing
import Simulation
@testable import Viewer

/// The canvas's shapes against a supersampled reference of the same ideal shape.
@Suite struct CanvasTests {
    /// Coverage (0...1) of each pixel, read from a white-on-black drawing.
    func coverage(_ canvas: Canvas) -> [Double] { canvas.pixels.map { Double($0 & 0xFF) / 255 } }

    /// The reference: the fraction of 16×16 subsamples of each pixel for which `inside` holds.
    func supersampled(width: Int, height: Int, inside: (SIMD2<Double>) -> Bool) -> [Double] {
        var result = [Double](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                var hits = 0
                for sy in 0..<16 {
                    for sx in 0..<16 where inside(SIMD2(Double(x) + (Double(sx) + 0.5) / 16, Double(y) + (Double(sy) + 0.5) / 16)) {
                        hits += 1
                    }
                }
                result[y * width + x] = Double(hits) / 256
            }
        }
        return result
    }

    func compare(_ drawn: [Double], _ reference: [Double], maxPixelError: Double, areaTolerance: Double) {
        let worst = zip(drawn, reference).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= maxPixelError, "worst pixel coverage error \(worst)")
        let area = drawn.reduce(0, +), expected = reference.reduce(0, +)
        #expect(abs(area - expected) <= areaTolerance * expected, "area \(area) vs \(expected)")
        // Pixels fully inside or outside in the reference are exactly full or empty.
        for (d, r) in zip(drawn, reference) where r == 1 || r == 0 {
            if abs(d - r) > 0.5 { Issue.record("a fully \(r == 1 ? "inside" : "outside") pixel has coverage \(d)"); return }
        }
    }

    @Test func circleMatchesSupersampledDisc() {
        var canvas = Canvas(width: 40, height: 36)
        canvas.clear(to: RGB(0, 0, 0))
        let centre = SIMD2(19.3, 17.6), radius = 11.7
        canvas.drawCircle(center: centre, radius: radius, fill: RGB(255, 255, 255))
        let reference = supersampled(width: 40, height: 36) { (($0 - centre) * ($0 - centre)).sum() < radius * radius }
        compare(coverage(canvas), reference, maxPixelError: 0.12, areaTolerance: 0.01)
    }

    @Test func rotatedSquareMatchesSupersampledPolygon() {
        var canvas = Canvas(width: 48, height: 48)
        canvas.clear(to: RGB(0, 0, 0))
        let c = 0.5.squareRoot() * 15
        let square: [SIMD2<Double>] = [SIMD2(24.2, 24 - c * 1.4), SIMD2(24.2 + c * 1.4, 24), SIMD2(24.2, 24 + c * 1.4), SIMD2(24.2 - c * 1.4, 24)]
        canvas.drawConvexPolygon(square, fill: RGB(255, 255, 255))
        let reference = supersampled(width: 48, height: 48) { p in
            abs(p.x - 24.2) + abs(p.y - 24) < c * 1.4
        }
        // Corners are where signed-distance coverage is least exact.
        compare(coverage(canvas), reference, maxPixelError: 0.3, areaTolerance: 0.02)
    }

    @Test func windingDoesNotMatter() {
        let triangle: [SIMD2<Double>] = [SIMD2(3, 4), SIMD2(28, 9), SIMD2(12, 27)]
        var a = Canvas(width: 32, height: 32), b = Canvas(width: 32, height: 32)
        a.drawConvexPolygon(triangle, fill: RGB(200, 100, 50))
        b.drawConvexPolygon(triangle.reversed(), fill: RGB(200, 100, 50))
        let worst = zip(a.pixels, b.pixels).map { RGB(argb: $0).distance(to: RGB(argb: $1)) }.max()
        #expect(worst ?? 0 <= 1)
        #expect(a[12, 13] == RGB(200, 100, 50))
    }

    @Test func outlineRingSurroundsFill() {
        var canvas = Canvas(width: 40, height: 40)
        canvas.clear(to: RGB(0, 0, 0))
        let fill = RGB(255, 0, 0), outline = RGB(0, 0, 255)
        canvas.drawCircle(center: SIMD2(20, 20), radius: 15, fill: fill, outline: outline, outlineWidth: 3)
        #expect(canvas[20, 20] == fill)
        #expect(canvas[20, 6] == outline)  // 1.5 px inside the top edge, in the ring
        #expect(canvas[20, 2] == RGB(0, 0, 0))
    }

    @Test func lineMatchesSupersampledCapsule() {
        var canvas = Canvas(width: 50, height: 40)
        canvas.clear(to: RGB(0, 0, 0))
        let a = SIMD2(6.3, 8.1), b = SIMD2(41.7, 30.4), radius = 2.5
        canvas.drawLine(from: a, to: b, width: 2 * radius, color: RGB(255, 255, 255))
        let reference = supersampled(width: 50, height: 40) { p in
            let d = b - a
            let t = min(max(((p - a) * d).sum() / (d * d).sum(), 0), 1)
            let o = p - (a + t * d)
            return (o * o).sum() < radius * radius
        }
        compare(coverage(canvas), reference, maxPixelError: 0.15, areaTolerance: 0.02)
    }

    @Test func steepLineIsTheTransposeOfAShallowOne() {
        var shallow = Canvas(width: 30, height: 30), steep = Canvas(width: 30, height: 30)
        let white = RGB(255, 255, 255)
        shallow.drawLine(from: SIMD2(2.5, 5.25), to: SIMD2(27.5, 14.75), width: 2, color: white)
        steep.drawLine(from: SIMD2(5.25, 2.5), to: SIMD2(14.75, 27.5), width: 2, color: white)
        for y in 0..<30 {
            for x in 0..<30 where shallow[x, y] != steep[y, x] {
                Issue.record("pixel (\(x), \(y)) differs from its transpose")
                return
            }
        }
    }

    @Test func blendingWeighsColourByAlpha() {
        var canvas = Canvas(width: 4, height: 4)
        canvas.clear(to: RGB(200, 100, 0))
        canvas.fillRect(x0: 0, y0: 0, x1: 2, y1: 4, color: RGB(0, 200, 100), opacity: 128.0 / 255)
        let mixed = canvas[1, 1]
        #expect(mixed.distance(to: RGB(100, 150, 50)) <= 1)
        #expect(canvas[3, 3] == RGB(200, 100, 0))
        canvas.fillRect(x0: -5, y0: -5, x1: 50, y1: 50, color: RGB(1, 2, 3))
        #expect(canvas.pixels.allSatisfy { $0 == 0xFF01_0203 })
    }

    @Test func shapesOutsideTheCanvasAreClipped() {
        var canvas = Canvas(width: 10, height: 10)
        canvas.clear(to: RGB(0, 0, 0))
        let white = RGB(255, 255, 255)
        canvas.drawCircle(center: SIMD2(-30, 5), radius: 8, fill: white)
        canvas.drawLine(from: SIMD2(-20, -20), to: SIMD2(-5, 40), width: 3, color: white)
        canvas.drawConvexPolygon([SIMD2(12, 0), SIMD2(20, 0), SIMD2(20, 9)], fill: white)
        #expect(canvas.pixels.allSatisfy { $0 == 0xFF00_0000 })
        canvas.drawCircle(center: SIMD2(5, 5), radius: 40, fill: white)
        #expect(canvas.pixels.allSatisfy { $0 == 0xFFFF_FFFF })
    }

    @Test func clipConfinesEveryKindOfDrawing() {
        var canvas = Canvas(width: 30, height: 20)
        canvas.clear(to: RGB(0, 0, 0))
        canvas.clip(to: PixelRect(x: 10, y: 5, width: 10, height: 8))
        let white = RGB(255, 255, 255)
        canvas.drawCircle(center: SIMD2(15, 10), radius: 30, fill: white)
        canvas.drawLine(from: SIMD2(0, 0), to: SIMD2(30, 20), width: 4, color: white)
        canvas.drawLine(from: SIMD2(0, 20), to: SIMD2(3, 0), width: 4, color: white)
        canvas.fillRect(x0: 0, y0: 0, x1: 30, y1: 20, color: white)
        for y in 0..<20 {
            for x in 0..<30 {
                let inside = (10..<20).contains(x) && (5..<13).contains(y)
                #expect((canvas[x, y] == white) == inside, "pixel (\(x), \(y))")
            }
        }
        canvas.resetClip()
        canvas.fillRect(x0: 0, y0: 0, x1: 1, y1: 1, color: white)
        #expect(canvas[0, 0] == white)
    }

    @Test func textDrawsTheFontsInkScaled() throws {
        let font = try BitmapFont.bundled()
        var canvas = Canvas(width: 40, height: 24)
        canvas.clear(to: RGB(0, 0, 0))
        let end = canvas.drawText("Hi", x: 2, y: 1, font: font, scale: 2, color: RGB(255, 255, 255))
        #expect(end == 2 + 2 * font.cellWidth * 2)
        for y in 0..<font.cellHeight {
            for x in 0..<font.cellWidth {
                let inked = font.ink("H", x: x, y: y)
                for (dx, dy) in [(0, 0), (1, 1)] {
                    let lit = canvas[2 + 2 * x + dx, 1 + 2 * y + dy] == RGB(255, 255, 255)
                    #expect(lit == inked, "H pixel (\(x), \(y))")
                }
            }
        }
    }
}
#endif
