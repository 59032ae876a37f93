#if Viewer
import Foundation
import TensorCore
import WorldModel

/// Saves canvas and window pixels (ARGB8888) as PNG files, through WorldModel's `PNGImage` encoder.
public enum PNGWriter {
    /// The PNG bytes of an image given as ARGB8888 pixels (alpha ignored), row-major, top row first.
    public static func encode(argb pixels: [UInt32], width: Int, height: Int) -> Data {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "pixel count must be width × height")
        var rgb = [UInt8](repeating: 0, count: 3 * pixels.count)
        rgb.withUnsafeMutableBufferPointer { out in
            for (i, p) in pixels.enumerated() {
                out[3 * i] = UInt8(truncatingIfNeeded: p >> 16)
                out[3 * i + 1] = UInt8(truncatingIfNeeded: p >> 8)
                out[3 * i + 2] = UInt8(truncatingIfNeeded: p)
            }
        }
        return PNGImage(width: width, height: height, rgb: rgb).encoded()
    }

    /// Writes the PNG of ARGB8888 pixels to `url` atomically.
    public static func write(argb pixels: [UInt32], width: Int, height: Int, to url: URL) throws {
        do {
            try AtomicFile.write(encode(argb: pixels, width: width, height: height), to: url)
        } catch {
            throw ViewerError.output(url.path, "\(error)")
        }
    }
}
#endif
