#if Viewer
import Testing
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
        #expect(palette.objects.count >= 4)
        #expect(palette.table.distance(to: palette.robot) > 60)
        #expect(palette.objects.allSatisfy { $0.distance(to: palette.table) > 60 })
        #expect(palette.objectColor(palette.objects.count) == palette.objects[0])
    }

    @Test func paletteErrorsNameTheKey() {
        #expect(throws: ViewerError.asset("p.json", "missing colour `background`")) {
            try Palette(json: "{}", source: "p.json")
        }
        #expect(Color(hex: "#12345678") == Color(red: 0x12, green: 0x34, blue: 0x56, alpha: 0x78))
        #expect(Color(hex: "#abcdef")?.alpha == 255)
        #expect(Color(hex: "123456") == nil && Color(hex: "#12345") == nil && Color(hex: "#gg0000") == nil)
    }
}
#endif
