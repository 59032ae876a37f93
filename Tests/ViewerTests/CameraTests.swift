#if Viewer
import Testing
@testable import Viewer

@Suite struct CameraTests {
    @Test func worldRectangleFitsCentredWithAspectKept() {
        let screen = PixelRect(x: 0, y: 0, width: 1000, height: 800)
        let camera = Camera(worldMin: SIMD2(-1, -0.5), worldMax: SIMD2(1, 0.5), viewport: screen, margin: 0)
        #expect(camera.scale == 500)  // width-limited: 1000 px / 2 m
        #expect(camera.toScreen(SIMD2(0, 0)) == SIMD2(500, 400))
        #expect(camera.toScreen(SIMD2(-1, 0.5)) == SIMD2(0, 150))  // y up becomes y down
        #expect(camera.toScreen(SIMD2(1, -0.5)) == SIMD2(1000, 650))
        let band = PixelRect(x: 0, y: 60, width: 1000, height: 300)
        let tall = Camera(worldMin: SIMD2(-1, -0.5), worldMax: SIMD2(1, 0.5), viewport: band, margin: 10)
        #expect(tall.scale == 280)  // height-limited: (300 - 20) px / 1 m
        #expect(tall.toScreen(SIMD2(0, 0.5)) == SIMD2(500, 70))  // the viewport's top plus the margin
    }

    @Test func screenAndWorldRoundTrip() {
        let camera = Camera(worldMin: SIMD2(0.2, -0.3), worldMax: SIMD2(1.4, 0.9), viewport: PixelRect(x: 5, y: 40, width: 640, height: 480))
        for point in [SIMD2(0.3, 0.1), SIMD2(1.39, -0.29), SIMD2(-2.0, 5.0)] {
            let back = camera.toWorld(camera.toScreen(point))
            #expect(abs(back.x - point.x) < 1e-12 && abs(back.y - point.y) < 1e-12)
        }
        #expect(abs(camera.pixels(0.5) - 0.5 * camera.scale) < 1e-12)
    }
}
#endif
