#if Viewer
import Simulation
import Testing
import TestSupport
@testable import Viewer

@Suite struct PNGImageARGBTests {
    /// ARGB8888 pixels become the RGB bytes they hold, alpha dropped, in order.
    @Test func argbPixelsBecomeTheirRGBBytes() throws {
        let pixels: [UInt32] = [0xFFFF_0000, 0x0000_FF00, 0x8000_00FF, 0xFF0A_141E, 0x1234_5678, 0xFFFF_FFFF]
        let image = PNGImage(argb: pixels, width: 3, height: 2)
        #expect(image.rgb == [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 0x34, 0x56, 0x78, 255, 255, 255])
        let decoded = try StoredPNG(bytes: Array(image.encoded()))
        #expect(decoded.width == 3 && decoded.height == 2)
        #expect(decoded[1, 1] == RGB(0x34, 0x56, 0x78))
    }
}
#endif
