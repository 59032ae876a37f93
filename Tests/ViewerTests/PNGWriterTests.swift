#if Viewer
import Foundation
import Testing
@testable import Viewer

@Suite struct PNGWriterTests {
    @Test func checksumsMatchPublishedCheckValues() {
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        var adler = Adler32()
        Array("Wikipedia".utf8).withUnsafeBufferPointer { adler.update($0) }
        #expect(adler.value == 0x11E6_0398)
    }

    @Test func adlerOverLongInputMatchesDirectModularSums() {
        let bytes = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        var a = 1, b = 0
        for byte in bytes {
            a = (a + Int(byte)) % 65521
            b = (b + a) % 65521
        }
        var adler = Adler32()
        bytes.withUnsafeBufferPointer { adler.update($0) }
        #expect(adler.value == UInt32(b << 16 | a))
    }

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
        let decoded = try StoredPNG(bytes: PNGWriter.encode(argb: pixels, width: width, height: height))
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.pixels == pixels.map { Color(argb: $0) })
    }
}
#endif
