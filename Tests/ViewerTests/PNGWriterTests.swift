#if Viewer
import Foundation
import Testing
import Simulation
@testable import Viewer

@Suite struct PNGWriterTests {
    /// A 2×2 image, byte for byte as Python's zlib (level 0) and a hand-built PNG produce it.
    @Test func tinyImageMatchesKnownBytes() {
        let pixels: [UInt32] = [0xFFFF_0000, 0xFF00_FF00, 0xFF00_00FF, 0xFF0A_141E]
        let expected =
            "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a7300000019494441547801010e00f1ff00ff000000ff00000000ff0a141e1a58033acd98db4b0000000049454e44ae426082"
        let hex = PNGWriter.encode(argb: pixels, width: 2, height: 2).map { String(format: "%02x", $0) }.joined()
        #expect(hex == expected)
    }

    /// More than 64 KiB of scanlines: several stored blocks.
    @Test func largeImageRoundTripsThroughChunksAndBlocks() throws {
        let width = 161, height = 203
        let pixels = (0..<(width * height)).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) | 0xFF00_0000 }
        let decoded = try StoredPNG(bytes: Array(PNGWriter.encode(argb: pixels, width: width, height: height)))
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.pixels == pixels.map { RGB(argb: $0) })
    }
}
#endif
