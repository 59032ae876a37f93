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

    /// Inflates a zlib stream made only of stored blocks, checking every length field and the Adler-32.
    func inflateStored(_ stream: [UInt8]) throws -> [UInt8] {
        try #require(stream.count >= 6 && stream[0] == 0x78 && (UInt16(stream[0]) << 8 | UInt16(stream[1])) % 31 == 0)
        var out = [UInt8](), i = 2, final = false
        while !final {
            final = stream[i] & 1 == 1
            try #require(stream[i] >> 1 & 3 == 0, "not a stored block")
            let length = Int(stream[i + 1]) | Int(stream[i + 2]) << 8
            let complement = Int(stream[i + 3]) | Int(stream[i + 4]) << 8
            try #require(length == ~complement & 0xFFFF)
            out += stream[(i + 5)..<(i + 5 + length)]
            i += 5 + length
        }
        var adler = Adler32()
        out.withUnsafeBufferPointer { adler.update($0) }
        let stored = stream[i..<(i + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(stored == adler.value)
        #expect(i + 4 == stream.count)
        return out
    }

    @Test func largeImageRoundTripsThroughChunksAndBlocks() throws {
        let width = 161, height = 203  // > 64 KiB of scanlines: several stored blocks
        let pixels = (0..<(width * height)).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) | 0xFF00_0000 }
        let png = PNGWriter.encode(argb: pixels, width: width, height: height)
        #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8, idat = [UInt8](), types = [String]()
        func bigEndian(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        while offset < png.count {
            let length = bigEndian(offset)
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            var crc = CRC32()
            crc.update(png[(offset + 4)..<(offset + 8 + length)])
            #expect(UInt32(bigEndian(offset + 8 + length)) == crc.value, "\(type) CRC")
            if type == "IHDR" {
                #expect(bigEndian(offset + 8) == width && bigEndian(offset + 12) == height)
            }
            if type == "IDAT" { idat += png[(offset + 8)..<(offset + 8 + length)] }
            types.append(type)
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        let raw = try inflateStored(idat)
        #expect(raw.count == height * (1 + 3 * width))
        for (index, pixel) in pixels.enumerated() where index % 97 == 0 {
            let y = index / width, x = index % width, at = y * (1 + 3 * width) + 1 + 3 * x
            #expect(raw[y * (1 + 3 * width)] == 0)
            #expect(raw[at] == UInt8(pixel >> 16 & 0xFF) && raw[at + 1] == UInt8(pixel >> 8 & 0xFF) && raw[at + 2] == UInt8(pixel & 0xFF))
        }
    }
}
#endif
