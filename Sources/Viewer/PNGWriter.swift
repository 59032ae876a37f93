#if Viewer
import Foundation
import Simulation
import TensorCore

/// Saves canvas and window pixels (ARGB8888) as PNG files, through Simulation's `PNGImage` encoder.
public enum PNGWriter {
    /// Writes the PNG of ARGB8888 pixels to `url` atomically.
    public static func write(argb pixels: [UInt32], width: Int, height: Int, to url: URL) throws {
        do {
            try AtomicFile.write(PNGImage(argb: pixels, width: width, height: height).encoded(), to: url)
        } catch {
            throw ViewerError.output(url.path, "\(error)")
        }
    }
}
#endif
