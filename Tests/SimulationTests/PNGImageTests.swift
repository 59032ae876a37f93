import Foundation
import Testing
import TestSupport
@testable import Simulation

@Suite struct PNGImageTests {
    @Test func adler32MatchesKnownValue() {
        #expect(PNGImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    /// A 2×2 image, byte for byte as Python's zlib (level 0) and a hand-built PNG produce it.
    @Test func tinyImageMatchesKnownBytes() {
        let image = PNGImage(width: 2, height: 2, rgb: [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30])
        let expected =
            "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a7300000019494441547801010e00f1ff00ff000000ff00000000ff0a141e1a58033acd98db4b0000000049454e44ae426082"
        #expect(image.encoded().map { String(format: "%02x", $0) }.joined() == expected)
        #expect(image.dataURI.hasPrefix("data:image/png;base64,iVBORw0KGgo"))
    }

    /// More than 64 KiB of scanlines: several stored blocks, every CRC and the Adler-32 checked by the reader.
    @Test func largeImageRoundTripsThroughChunksAndBlocks() throws {
        let width = 161, height = 203
        let rgb = (0..<(3 * width * height)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let decoded = try StoredPNG(bytes: Array(PNGImage(width: width, height: height, rgb: rgb).encoded()))
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.pixels.flatMap { [$0.r, $0.g, $0.b] } == rgb)
    }
}
