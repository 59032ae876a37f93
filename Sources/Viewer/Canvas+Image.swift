#if Viewer
import Simulation

extension Canvas {
    /// Draws an RGB image (`imageWidth × imageHeight`, 3 bytes a pixel, the top row first) opaquely into the whole-pixel
    /// rectangle at (`x`, `y`) of `width × height`, scaled by nearest neighbour and clipped.
    public mutating func drawImage(_ rgb: [UInt8], imageWidth: Int, imageHeight: Int, x: Int, y: Int, width: Int, height: Int) {
        precondition(rgb.count == imageWidth * imageHeight * 3, "Canvas.drawImage: \(rgb.count) bytes for \(imageWidth)x\(imageHeight)")
        let left = max(clipRect.minX, x), right = min(clipRect.maxX, x + width)
        let top = max(clipRect.minY, y), bottom = min(clipRect.maxY, y + height)
        guard left < right, top < bottom else { return }
        let stride = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in top..<bottom {
                let source = (row - y) * imageHeight / height * imageWidth
                for column in left..<right {
                    let i = 3 * (source + (column - x) * imageWidth / width)
                    buffer[row * stride + column] = RGB(rgb[i], rgb[i + 1], rgb[i + 2]).argb
                }
            }
        }
    }
}
#endif
