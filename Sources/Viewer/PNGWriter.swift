#if Viewer
import Foundation
import TensorCore

/// Encodes 8-bit RGB images as PNG: one IDAT whose zlib stream uses stored (uncompressed) deflate blocks.
public enum PNGWriter {
    /// The PNG bytes of an image given as ARGB8888 pixels (alpha ignored), row-major, top row first.
    public static func encode(argb pixels: [UInt32], width: Int, height: Int) -> [UInt8] {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "pixel count must be width × height")
        // Raw scanlines: a filter byte (0, none) then R, G, B per pixel.
        let rowBytes = 1 + 3 * width
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        raw.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { source in
                for y in 0..<height {
                    var o = y * rowBytes + 1
                    for x in 0..<width {
                        let p = source[y * width + x]
                        out[o] = UInt8(truncatingIfNeeded: p >> 16)
                        out[o + 1] = UInt8(truncatingIfNeeded: p >> 8)
                        out[o + 2] = UInt8(truncatingIfNeeded: p)
                        o += 3
                    }
                }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = [UInt8]()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // bit depth 8, colour type RGB, deflate, adaptive filters, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", zlibStored(raw), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// Writes the PNG of a canvas to `url` atomically.
    public static func write(_ canvas: Canvas, to url: URL) throws {
        try write(argb: canvas.pixels, width: canvas.width, height: canvas.height, to: url)
    }

    /// Writes the PNG of ARGB8888 pixels to `url` atomically.
    public static func write(argb pixels: [UInt32], width: Int, height: Int, to url: URL) throws {
        do {
            try AtomicFile.write(Data(encode(argb: pixels, width: width, height: height)), to: url)
        } catch {
            throw ViewerError.output(url.path, "\(error)")
        }
    }

    /// A zlib stream (RFC 1950) holding `data` in stored deflate blocks (RFC 1951, BTYPE 00).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        let blockLimit = 65535
        var out: [UInt8] = [0x78, 0x01]  // deflate, 32 KiB window, no dictionary; 0x7801 is a multiple of 31
        out.reserveCapacity(data.count + data.count / blockLimit * 5 + 16)
        var offset = 0
        repeat {
            let length = min(blockLimit, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out.append(final)  // BFINAL, BTYPE 00; the rest of the byte is padding
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        var adler = Adler32()
        data.withUnsafeBufferPointer { adler.update($0) }
        out.appendBigEndian(adler.value)
        return out
    }

    private static func appendChunk(_ type: String, _ body: [UInt8], to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(body.count))
        let typeBytes = Array(type.utf8)
        png += typeBytes
        png += body
        var crc = CRC32()
        crc.update(typeBytes)
        crc.update(body)
        png.appendBigEndian(crc.value)
    }
}

extension [UInt8] {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
#endif
