#if Viewer
import Foundation

extension HUDRenderer {
    /// A small live plot of prediction errors in metres (`drawPlot` labelled with the largest error).
    public func drawErrorPlot(_ errors: [Double], capacity: Int, in rect: PixelRect, into canvas: inout Canvas) {
        drawPlot(errors, capacity: capacity, title: "error", label: { "max " + Self.metres($0) }, in: rect, into: &canvas)
    }

    /// A small live plot of `values` (oldest left) in `rect`, scaled to the largest value, labelled (top left)
    /// with `label` of that value, or `title` while there is nothing to scale to.
    public func drawPlot(_ values: [Double], capacity: Int, title: String, label: (Double) -> String, in rect: PixelRect,
                         into canvas: inout Canvas) {
        let s = scale(for: canvas)
        canvas.fillRect(x0: Int(rect.x), y0: Int(rect.y), x1: Int(rect.x + rect.width), y1: Int(rect.y + rect.height),
                        color: palette.panel, opacity: palette.panelOpacity)
        let top = rect.y + 3, bottom = rect.y + rect.height - 3
        canvas.drawLine(from: SIMD2(rect.x, bottom), to: SIMD2(rect.x + rect.width, bottom), width: 1, color: palette.plotAxis)
        let peak = values.max() ?? 0
        canvas.drawText(peak > 0 ? label(peak) : title, x: Int(rect.x) + 4, y: Int(rect.y) + 3,
                        font: font, scale: s, color: palette.textDim)
        guard values.count >= 2, peak > 0 else { return }
        let dx = rect.width / Double(max(capacity - 1, 1))
        let x0 = rect.x + rect.width - dx * Double(values.count - 1)
        func point(_ i: Int) -> SIMD2<Double> { SIMD2(x0 + dx * Double(i), bottom - (bottom - top) * values[i] / peak) }
        for i in 1..<values.count {
            canvas.drawLine(from: point(i - 1), to: point(i), width: 1.5, color: palette.plotLine)
        }
    }

    /// A distance in metres, short: `0.0123 m`, or in millimetres below 1 cm.
    public static func metres(_ value: Double) -> String {
        value < 0.01 ? String(format: "%.1f mm", value * 1000) : String(format: "%.3f m", value)
    }
}
#endif
