#if Viewer
import Simulation

extension PNGImage {
    /// The image of ARGB8888 pixels (alpha ignored), row-major, top row first: a canvas or a window read back.
    public init(argb pixels: [UInt32], width: Int, height: Int) {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "pixel count must be width × height")
        let rgb = [UInt8](unsafeUninitializedCapacity: 3 * pixels.count) { out, count in
            for (i, pixel) in pixels.enumerated() {
                out[3 * i] = UInt8(truncatingIfNeeded: pixel >> 16)
                out[3 * i + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
                out[3 * i + 2] = UInt8(truncatingIfNeeded: pixel)
            }
            count = 3 * pixels.count
        }
        self.init(width: width, height: height, rgb: rgb)
    }
}
#endif
