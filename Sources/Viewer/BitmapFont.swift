#if Viewer
/// A fixed-width bitmap font for printable ASCII (32...126), parsed from `assets/font-6x10.txt`.
///
/// The text format: a `cell W H` line, then per glyph a `glyph CODE` line followed by H rows of
/// W characters, `#` for ink and `.` for blank; `#` lines starting a line are comments.
public struct BitmapFont: Sendable {
    /// Cell width and height in pixels (the advance and the line height at scale 1).
    public let cellWidth: Int
    public let cellHeight: Int
    /// Row bit masks, `cellHeight` per glyph in code order from 32; bit `cellWidth - 1 - x` is column x.
    private let rows: [UInt16]

    static let firstCode = 32
    static let lastCode = 126

    /// The font shipped in the viewer's assets.
    public static func bundled() throws -> BitmapFont {
        try BitmapFont(text: ViewerAssets.text("font-6x10.txt"), source: "font-6x10.txt")
    }

    /// Parses the text format; errors name `source` and the line.
    public init(text: String, source: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingSuffix() }
        var size: (Int, Int)?
        var glyphs = [Int: [UInt16]]()
        var index = 0
        func fail(_ message: String) -> ViewerError { .asset(source, "line \(index + 1): \(message)") }
        while index < lines.count {
            let words = lines[index].split(separator: " ")
            if words.isEmpty || words[0].hasPrefix("#") {
                index += 1
            } else if words[0] == "cell" {
                guard words.count == 3, let w = Int(words[1]), let h = Int(words[2]), (1...16).contains(w), (1...32).contains(h)
                else { throw fail("expected `cell WIDTH HEIGHT` with a width of 1...16 and a height of 1...32") }
                size = (w, h)
                index += 1
            } else if words[0] == "glyph" {
                guard let (width, height) = size else { throw fail("`glyph` before the `cell` line") }
                guard words.count >= 2, let code = Int(words[1]), (Self.firstCode...Self.lastCode).contains(code) else {
                    throw fail("expected `glyph CODE` with CODE in \(Self.firstCode)...\(Self.lastCode)")
                }
                guard glyphs[code] == nil else { throw fail("glyph \(code) defined twice") }
                var masks = [UInt16]()
                for _ in 0..<height {
                    index += 1
                    guard index < lines.count, lines[index].count == width, lines[index].allSatisfy({ $0 == "#" || $0 == "." })
                    else { throw fail("expected a row of \(width) characters `#` or `.` for glyph \(code)") }
                    masks.append(lines[index].reduce(0) { $0 << 1 | ($1 == "#" ? 1 : 0) })
                }
                glyphs[code] = masks
                index += 1
            } else {
                throw fail("expected `cell`, `glyph` or a comment, found `\(lines[index])`")
            }
        }
        guard let (width, height) = size else { throw ViewerError.asset(source, "no `cell` line") }
        let missing = (Self.firstCode...Self.lastCode).filter { glyphs[$0] == nil }
        guard missing.isEmpty else {
            throw ViewerError.asset(source, "missing glyphs for codes \(missing.map(String.init).joined(separator: ", "))")
        }
        cellWidth = width
        cellHeight = height
        rows = (Self.firstCode...Self.lastCode).flatMap { glyphs[$0]! }
    }

    /// Whether the glyph for `scalar` (ASCII 32...126; anything else draws as `?`) has ink at column x, row y.
    public func ink(_ scalar: Unicode.Scalar, x: Int, y: Int) -> Bool {
        rowMask(scalar, y) >> (cellWidth - 1 - x) & 1 == 1
    }

    /// The bit mask of one glyph row (bit `cellWidth - 1 - x` is column x).
    func rowMask(_ scalar: Unicode.Scalar, _ y: Int) -> UInt16 {
        let value = Int(scalar.value)
        let code = (Self.firstCode...Self.lastCode).contains(value) ? value : Int(("?" as Unicode.Scalar).value)
        return rows[(code - Self.firstCode) * cellHeight + y]
    }

    /// The width in pixels of `text` at `scale`.
    public func width(of text: String, scale: Int = 1) -> Int { text.unicodeScalars.count * cellWidth * scale }
}

extension Substring {
    /// The substring without trailing spaces, tabs and carriage returns.
    fileprivate func trimmingSuffix() -> Substring {
        var end = endIndex
        while end > startIndex, [" ", "\t", "\r"].contains(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
#endif
