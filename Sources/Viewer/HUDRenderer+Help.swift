#if Viewer
extension HUDRenderer {
    /// The help overlay, centred: every key of `keyMap` and what it does, then the `notes` (dimmed).
    public func drawHelp(_ keyMap: KeyMap, notes: [String], into canvas: inout Canvas) {
        let s = scale(for: canvas), pad = padding(s)
        let entries = keyMap.helpLines
        let keyColumn = (entries.map { font.width(of: $0.keys, scale: s) }.max() ?? 0) + 3 * font.cellWidth * s
        let actionColumn = entries.map { font.width(of: $0.action, scale: s) }.max() ?? 0
        let noteWidth = notes.map { font.width(of: $0, scale: s) }.max() ?? 0
        let title = "Keys"
        let width = max(keyColumn + actionColumn, noteWidth) + 2 * pad
        let height = (entries.count + 2 + (notes.isEmpty ? 0 : notes.count + 1)) * lineHeight(s) + 2 * pad
        let x = max(0, (canvas.width - width) / 2), y = max(0, (canvas.height - height) / 2)
        // Nearly opaque, with a frame, so that the keys read well over anything.
        canvas.fillRect(x0: x - s, y0: y - s, x1: x + width + s, y1: y + height + s, color: palette.plotAxis)
        canvas.fillRect(x0: x, y0: y, x1: x + width, y1: y + height, color: palette.panel, opacity: 0.96)
        canvas.drawText(title, x: x + pad, y: y + pad, font: font, scale: s, color: palette.plotLine)
        for (row, entry) in entries.enumerated() {
            let lineY = y + pad + (row + 2) * lineHeight(s)
            canvas.drawText(entry.keys, x: x + pad, y: lineY, font: font, scale: s, color: palette.text)
            canvas.drawText(entry.action, x: x + pad + keyColumn, y: lineY, font: font, scale: s, color: palette.textDim)
        }
        for (row, note) in notes.enumerated() {
            let lineY = y + pad + (entries.count + 3 + row) * lineHeight(s)
            canvas.drawText(note, x: x + pad, y: lineY, font: font, scale: s, color: palette.textDim)
        }
    }
}
#endif
