#if Viewer
import Testing
import Simulation
@testable import Viewer

@Suite struct AssetTests {
    @Test func bundledFontCoversPrintableASCII() throws {
        let font = try BitmapFont.bundled()
        #expect(font.cellWidth == 6 && font.cellHeight == 10)
        // Every visible glyph has ink, the space has none, and no two glyphs look the same.
        var seen = Set<[Bool]>()
        for code in 33...126 {
            let scalar = Unicode.Scalar(UInt8(code))
            let bitmap = (0..<60).map { font.ink(scalar, x: $0 % 6, y: $0 / 6) }
            #expect(bitmap.contains(true), "glyph \(code) is empty")
            #expect(seen.insert(bitmap).inserted, "glyph \(code) duplicates another")
        }
        #expect(!(0..<60).contains { font.ink(" ", x: $0 % 6, y: $0 / 6) })
        #expect(font.width(of: "abc", scale: 2) == 36)
    }

    @Test func fontErrorsNameTheLine() {
        #expect(throws: ViewerError.asset("f.txt", "line 3: expected a row of 2 characters `#` or `.` for glyph 65")) {
            try BitmapFont(text: "cell 2 2\nglyph 65\n#x\n..", source: "f.txt")
        }
        #expect(throws: ViewerError.self) { try BitmapFont(text: "cell 1 1\nglyph 32\n.", source: "f.txt") }
    }

    @Test func bundledPaletteParses() throws {
        let palette = try Palette.bundled()
        // Text reads on the panels, and the panels let the scene show through a little.
        #expect(palette.text.distance(to: palette.panel) > 150)
        #expect(palette.panelOpacity > 0.5 && palette.panelOpacity < 1)
        #expect(palette.goalOpacity > 0 && palette.goalOpacity < 1)
    }

    @Test func paletteErrorsNameTheKey() throws {
        #expect(throws: ViewerError.asset("p.json", "missing colour `background`")) {
            try Palette(json: "{}", source: "p.json")
        }
        let translucentText = try ViewerAssets.text("palette.json").replacingOccurrences(of: "\"#f2f3f5\"", with: "\"#f2f3f5aa\"")
        #expect(throws: ViewerError.asset("p.json", "`text`: expected #rrggbb, found #f2f3f5aa")) {
            try Palette(json: translucentText, source: "p.json")
        }
        #expect(RGB(hex: "#12a4f6") == RGB(0x12, 0xA4, 0xF6))
        #expect(RGB(0x12, 0xA4, 0xF6).hex == "#12a4f6")
        #expect(RGB(hex: "#12345678") == nil && RGB(hex: "123456") == nil && RGB(hex: "#12345") == nil && RGB(hex: "#gg0000") == nil)
        #expect(RGB(hex: "#+12345") == nil)
    }
}
#endif
