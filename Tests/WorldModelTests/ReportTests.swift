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
