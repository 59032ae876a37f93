import Foundation
import Testing
import TensorCore
@testable import WorldModel

@Suite struct ReportTests {
    @Test func adler32MatchesKnownValue() {
        #expect(PNGImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func pngHasSignatureHeaderAndEnd() {
        let image = PNGImage(width: 2, height: 1, rgb: [255, 0, 0, 0, 0, 255])
        let bytes = [UInt8](image.encoded())
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
        #expect(Array(bytes[16..<24]) == [0, 0, 0, 2, 0, 0, 0, 1])
        // IEND chunk: zero length, type, and its well-known CRC.
        #expect(Array(bytes.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        // IDAT: zlib header, one final stored block of 2 rows * ... = 7 bytes, raw scanline, adler32.
        let idat = Array(bytes[33..<(33 + 4 + 4 + 2 + 5 + 7 + 4)])
        #expect(Array(idat[0..<4]) == [0, 0, 0, 18])
        #expect(Array(idat[8..<15]) == [0x78, 0x01, 1, 7, 0, 0xF8, 0xFF])
        #expect(Array(idat[15..<22]) == [0, 255, 0, 0, 0, 0, 255])
        #expect(image.dataURI.hasPrefix("data:image/png;base64,iVBORw0KGgo"))
    }

    @Test func niceTicksCoverTheRange() {
        let ticks = LinePlot.niceTicks(0.13, 0.87)
        #expect(ticks.first! <= 0.13 && ticks.last! >= 0.87)
        #expect(ticks.count >= 3 && ticks.count <= 12)
        let step = ticks[1] - ticks[0]
        #expect([0.1, 0.2, 0.5].contains { abs($0 - step) < 1e-9 })
    }

    @Test func reportIsSelfContainedAndEscaped() {
        var report = HTMLReport(title: "A <test>")
        report.table(header: ["model", "H@1"], rows: [["pc & bp", "0.5"]])
        report.plot(LinePlot(title: "loss", xLabel: "epoch", yLabel: "loss",
                             series: [.init(name: "train", points: [(1, 2), (2, 1)])], logY: true))
        report.imageStrip(label: "episode 0", images: [("true", PNGImage(width: 1, height: 1, rgb: [1, 2, 3]))])
        let html = report.html()
        #expect(html.contains("A &lt;test&gt;"))
        #expect(html.contains("pc &amp; bp"))
        #expect(html.contains("<svg") && html.contains("<polyline"))
        #expect(html.contains("data:image/png;base64,"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
    }

    @Test func csvQuotesFieldsThatNeedIt() {
        var csv = MetricsCSV(columns: ["epoch", "note"])
        csv.append(["epoch": "1", "note": "a,b"])
        csv.append(["epoch": "2"])
        #expect(csv.text() == "epoch,note\n1,\"a,b\"\n2,\n")
    }
}
