import Foundation
import Simulation
import TensorCore
import Testing

/// A reader for the PNGs `PNGImage` writes (8-bit RGB, filter 0, stored deflate blocks), independent
/// of the encoder: it checks every CRC, length field and the Adler-32 on the way.
public struct StoredPNG {
    public let width: Int
    public let height: Int
    /// The pixels, row-major, top row first.
    public let pixels: [RGB]

    /// The pixel in column `x`, row `y`.
    public subscript(x: Int, y: Int) -> RGB { pixels[y * width + x] }

    /// Reads and checks the PNG file at `url`.
    public init(contentsOf url: URL) throws {
        try self.init(bytes: Array(Data(contentsOf: url)))
    }

    /// Reads and checks PNG bytes.
    public init(bytes png: [UInt8]) throws {
        try #require(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
        func bigEndian(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8, idat = [UInt8](), size = (0, 0)
        while offset < png.count {
            let length = bigEndian(offset)
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            try #require(UInt32(bigEndian(offset + 8 + length)) == CRC32.checksum(png[(offset + 4)..<(offset + 8 + length)]), "\(type) CRC")
            if type == "IHDR" {
                size = (bigEndian(offset + 8), bigEndian(offset + 12))
                try #require(Array(png[(offset + 16)..<(offset + 21)]) == [8, 2, 0, 0, 0], "8-bit RGB, no interlace")
            }
            if type == "IDAT" { idat += png[(offset + 8)..<(offset + 8 + length)] }
            offset += 12 + length
        }
        let raw = try Self.inflateStored(idat)
        let (width, height) = size
        try #require(raw.count == height * (1 + 3 * width), "scanline bytes")
        var pixels = [RGB]()
        pixels.reserveCapacity(width * height)
        for y in 0..<height {
            let row = y * (1 + 3 * width)
            try #require(raw[row] == 0, "filter type of row \(y)")
            for x in 0..<width {
                let at = row + 1 + 3 * x
                pixels.append(RGB(raw[at], raw[at + 1], raw[at + 2]))
            }
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The payload of a zlib stream made of stored deflate blocks.
    static func inflateStored(_ stream: [UInt8]) throws -> [UInt8] {
        try #require(stream.count >= 6 && stream[0] == 0x78 && (UInt16(stream[0]) << 8 | UInt16(stream[1])) % 31 == 0, "zlib header")
        var out = [UInt8](), i = 2, final = false
        while !final {
            final = stream[i] & 1 == 1
            try #require(stream[i] >> 1 & 3 == 0, "not a stored block")
            let length = Int(stream[i + 1]) | Int(stream[i + 2]) << 8
            let complement = Int(stream[i + 3]) | Int(stream[i + 4]) << 8
            try #require(length == ~complement & 0xFFFF, "LEN/NLEN")
            out += stream[(i + 5)..<(i + 5 + length)]
            i += 5 + length
        }
        // Adler-32 straight from its definition.
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in out {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let stored = stream[i..<(i + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        try #require(stored == b << 16 | a, "Adler-32")
        try #require(i + 4 == stream.count, "trailing bytes")
        return out
    }
}
