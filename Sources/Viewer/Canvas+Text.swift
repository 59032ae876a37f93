#if Viewer
import Simulation

extension Canvas {
    /// Draws `text` with its top-left corner at pixel (x, y), each font pixel a `scale`×`scale` block.
    /// Returns the x just after the last character.
    @discardableResult
    public mutating func drawText(_ text: String, x: Int, y: Int, font: BitmapFont, scale: Int = 1, color: RGB) -> Int {
        var penX = x
        for scalar in text.unicodeScalars {
            for row in 0..<font.cellHeight {
                let mask = font.rowMask(scalar, row)
                guard mask != 0 else { continue }
                for column in 0..<font.cellWidth where mask >> (font.cellWidth - 1 - column) & 1 == 1 {
                    let px = penX + column * scale, py = y + row * scale
                    fillRect(x0: px, y0: py, x1: px + scale, y1: py + scale, color: color)
                }
            }
            penX += font.cellWidth * scale
        }
        return penX
    }
}
#endif
