import Testing
@testable import Simulation

/// The rasterizer against hand-checked pixels: a 1 m table on a 10-pixel image, 10 px per metre,
/// so world (x, y) lands at image (5 + 10x, 5 - 10y) and pixel (row, column) has its centre at +0.5.
@Suite struct RasterizerTests {
    let table = RGB(236, 232, 222)
    let black = RGB(0, 0, 0)

    func render(_ shapes: [SceneShape], size: Int = 10) -> [UInt8] {
        let body = SceneBody(name: "b", role: .object, position: .zero, angle: 0, shapes: shapes, color: black)
        let scene = Scene(tableSize: SIMD2(1, 1), tableColor: table, bodies: [body], goal: nil, lidarRays: [], contacts: [])
        return Rasterizer(size: size, tableSize: SIMD2(1, 1)).render(scene)
    }

    func pixel(_ image: [UInt8], row: Int, column: Int, size: Int = 10) -> RGB {
        let i = 3 * (row * size + column)
        return RGB(image[i], image[i + 1], image[i + 2])
    }

    @Test func circleCentreIsFilledAndFarAwayIsTable() {
        // Centre (0.05, -0.05) m is the centre of pixel (row 5, column 5); radius 2 px.
        let image = render([.circle(center: SIMD2(0.05, -0.05), radius: 0.2)])
        #expect(image.count == 300)
        #expect(pixel(image, row: 5, column: 5) == black)
        #expect(pixel(image, row: 4, column: 5) == black)  // 1 px from the centre, inside by 1 px
        #expect(pixel(image, row: 0, column: 0) == table)
        #expect(pixel(image, row: 9, column: 9) == table)
        // Pixel (5, 7) is 2 px from the centre: on the rim, half covered.
        #expect(pixel(image, row: 5, column: 7) == RGB(118, 116, 111))
    }

    @Test func polygonInsideOutsideAndPartialEdge() {
        // x from -0.25 (2.5 px, through pixel centres of column 2) to 0.2 (7 px); y from -0.3 to 0.1 (rows 4...7).
        let image = render([.polygon([SIMD2(-0.25, -0.3), SIMD2(0.2, -0.3), SIMD2(0.2, 0.1), SIMD2(-0.25, 0.1)])])
        #expect(pixel(image, row: 5, column: 4) == black)   // inside
        #expect(pixel(image, row: 6, column: 6) == black)   // inside, last column
        #expect(pixel(image, row: 5, column: 7) == table)   // right of x = 7 px
        #expect(pixel(image, row: 2, column: 4) == table)   // above
        #expect(pixel(image, row: 5, column: 1) == table)   // left of the edge
        // Column 2's centre lies on the left edge: half coverage, (236 + (0 - 236) * 0.5 + 0.5) rounded down.
        #expect(pixel(image, row: 5, column: 2) == RGB(118, 116, 111))
    }

    @Test func polygonOrientationDoesNotMatter() {
        let square: [SIMD2<Double>] = [SIMD2(-0.2, -0.2), SIMD2(0.2, -0.2), SIMD2(0.2, 0.2), SIMD2(-0.2, 0.2)]
        #expect(render([.polygon(square)]) == render([.polygon(square.reversed())]))
    }

    @Test func topRowIsTheFarEdge() {
        // A thin bar along the far edge (y close to +0.5) colours row 0 only.
        let image = render([.polygon([SIMD2(-0.5, 0.4), SIMD2(0.5, 0.4), SIMD2(0.5, 0.5), SIMD2(-0.5, 0.5)])])
        #expect(pixel(image, row: 0, column: 3) == black)
        #expect(pixel(image, row: 9, column: 3) == table)
    }

    @Test func capsuleCoversItsSegment() {
        let image = render([.segment(SIMD2(-0.3, 0.05), SIMD2(0.3, 0.05), radius: 0.1)])
        #expect(pixel(image, row: 4, column: 2) == black)
        #expect(pixel(image, row: 4, column: 7) == black)
        #expect(pixel(image, row: 1, column: 5) == table)
    }

    @Test func projectionMapsCentresToPixels() {
        let projection = PixelProjection(size: 10, tableSize: SIMD2(1, 1))
        #expect(projection.pixelIndex(of: SIMD2(0.05, -0.05))! == (row: 5, column: 5))
        #expect(projection.pixelIndex(of: SIMD2(-0.49, 0.49))! == (row: 0, column: 0))
        #expect(projection.pixelIndex(of: SIMD2(0.6, 0)) == nil)
        #expect(projection.pixelIndex(of: SIMD2(.nan, 0)) == nil && projection.pixelIndex(of: SIMD2(0, -.infinity)) == nil)
        #expect(projection.pixelIndex(of: SIMD2(1e300, 1e300)) == nil)
    }
}
