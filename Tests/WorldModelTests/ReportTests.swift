import Foundation
import Simulation
import Testing
import TensorCore
@testable import WorldModel

@Suite struct ReportTests {
    @Test func niceTicksCoverTheRange() {
        let ticks = LinePlot.niceTicks(0.13, 0.87)
        #expect(ticks.first! <= 0.13 && ticks.last! >= 0.87)
        #expect(ticks.count >= 3 && ticks.count <= 12)
        let step = ticks[1] - ticks[0]
        #expect([0.1, 0.2, 0.5].contains { abs($0 - step) < 1e-9 })
    }

    @Test func logTicksSitOnOneTwoFiveWithinTwoDecadesAndOnPowersOfTenBeyond() {
        let values = LinePlot.logTicks(log10(150), log10(1000)).map { (pow(10, $0) * 1e6).rounded() / 1e6 }
        #expect(values == [100, 200, 500, 1000])
        let wide = LinePlot.logTicks(log10(3), log10(20_000)).map { (pow(10, $0)).rounded() }
        #expect(wide == [1, 10, 100, 1000, 10_000, 100_000])
    }

    @Test func aLogXAxisPlacesPointsByTheirLogarithmAndLabelsTheValues() {
        let plot = LinePlot(title: "t", xLabel: "episodes", yLabel: "m",
                            series: [.init(name: "a", points: [(100, 1), (1000, 2), (0, 5)])], logX: true)
        let svg = plot.svg()
        // 100 and 1000 are the axis ends (left 64, plot width 660 - 64 - 220 = 376); the x = 0 point is dropped.
        #expect(svg.contains("points=\"64.0,") && svg.contains(" 440.0,"))
        #expect(svg.contains(">200</text>") && svg.contains(">500</text>") && svg.contains(">1000</text>"))
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
