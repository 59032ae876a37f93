#if Viewer
extension HUDRenderer {
    /// A pane's caption: up to two lines on a panel filling `rect`, the first bright, the second dimmed.
    public func drawCaption(_ lines: [String], in rect: PixelRect, into canvas: inout Canvas) {
        let s = scale(for: canvas), pad = padding(s)
        canvas.fillRect(x0: Int(rect.x), y0: Int(rect.y), x1: Int(rect.x + rect.width), y1: Int(rect.y + rect.height),
                        color: palette.panel, opacity: palette.panelOpacity)
        for (row, line) in lines.prefix(2).enumerated() {
            canvas.drawText(line, x: Int(rect.x) + pad, y: Int(rect.y) + pad + row * lineHeight(s) + s, font: font, scale: s,
                            color: row == 0 ? palette.text : palette.textDim)
        }
    }
}
#endif
