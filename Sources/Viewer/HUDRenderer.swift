#if Viewer
import Simulation

/// Draws the viewer's text: the status bar, panels of lines, the help overlay and the error plot.
public struct HUDRenderer: Sendable {
    public let palette: Palette
    public let font: BitmapFont

    public init(palette: Palette, font: BitmapFont) {
        self.palette = palette
        self.font = font
    }

    /// The text scale for a canvas: font pixels doubled on windows of ordinary size.
    public func scale(for canvas: Canvas) -> Int { scale(width: canvas.width, height: canvas.height) }

    func scale(width: Int, height: Int) -> Int { height >= 560 && width >= 720 ? 2 : 1 }

    /// The padding around text, in pixels.
    func padding(_ scale: Int) -> Int { 5 * scale }

    /// The height of one text line at `scale`.
    func lineHeight(_ scale: Int) -> Int { (font.cellHeight + 2) * scale }

    /// The height of the status bar for a canvas (two lines and padding).
    public func barHeight(for canvas: Canvas) -> Int { barHeight(width: canvas.width, height: canvas.height) }

    func barHeight(width: Int, height: Int) -> Int {
        let s = scale(width: width, height: height)
        return 2 * lineHeight(s) + 2 * padding(s)
    }

    /// The status bar across the top: two lines of (text, dimmed) runs on the left.
    public func drawBar(_ lines: [[(text: String, dim: Bool)]], into canvas: inout Canvas) {
        let s = scale(for: canvas), pad = padding(s)
        canvas.fillRect(x0: 0, y0: 0, x1: canvas.width, y1: barHeight(for: canvas), color: palette.panel, opacity: palette.panelOpacity)
        for (row, runs) in lines.prefix(2).enumerated() {
            var x = pad
            for run in runs {
                x = canvas.drawText(run.text, x: x, y: pad + row * lineHeight(s) + s, font: font, scale: s,
                                    color: run.dim ? palette.textDim : palette.text)
            }
        }
    }

    /// A panel of lines with its top-left corner at (x, y); returns the panel's size.
    @discardableResult
    public func drawPanel(_ lines: [String], x: Int, y: Int, into canvas: inout Canvas) -> (width: Int, height: Int) {
        let s = scale(for: canvas), pad = padding(s)
        let width = (lines.map { font.width(of: $0, scale: s) }.max() ?? 0) + 2 * pad
        let height = lines.count * lineHeight(s) + 2 * pad - 2 * s
        canvas.fillRect(x0: x, y0: y, x1: x + width, y1: y + height, color: palette.panel, opacity: palette.panelOpacity)
        for (row, line) in lines.enumerated() {
            canvas.drawText(line, x: x + pad, y: y + pad + row * lineHeight(s), font: font, scale: s, color: palette.text)
        }
        return (width, height)
    }
}
#endif
