import Foundation
import Testing
@testable import foresight

/// Collects what a progress bar writes, with a clock the test moves.
private final class BarOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [String] = []
    private var time = 0.0

    var text: String { lock.withLock { chunks.joined() } }
    var writes: Int { lock.withLock { chunks.count } }
    func write(_ chunk: String) { lock.withLock { chunks.append(chunk) } }
    func now() -> Double { lock.withLock { time } }
    func advance(_ seconds: Double) { lock.withLock { time += seconds } }

    func bar(redrawsInPlace: Bool) -> ProgressBar {
        ProgressBar(label: "simulate push", total: 200, unit: "episodes", redrawsInPlace: redrawsInPlace,
                    write: { self.write($0) }, now: { self.now() })
    }
}

@Suite("Progress bar")
struct ProgressBarTests {
    @Test("the line shows label, bar, fraction, count, rate and time left")
    func line() {
        let output = BarOutput()
        let bar = output.bar(redrawsInPlace: true)
        #expect(bar.line(completed: 50, elapsed: 10)
            == "simulate push [######------------------]  25%  50/200 episodes  5.0 episodes/s  0:30 left")
        #expect(bar.line(completed: 200, elapsed: 3725)
            == "simulate push [########################] 100%  200/200 episodes  0.05 episodes/s  1:02:05 total")
        #expect(bar.line(completed: 0, elapsed: 0) == "simulate push [------------------------]   0%  0/200 episodes")
        #expect(ProgressBar.format(rate: 1234.4) == "1234")
    }

    @Test("on a terminal it redraws one line in place, at most ten times a second")
    func terminal() {
        let output = BarOutput()
        let bar = output.bar(redrawsInPlace: true)
        for done in 1...100 {
            output.advance(0.01)
            bar.update(completed: done)
        }
        #expect(output.writes == 10)
        bar.finish(completed: 200)
        #expect(output.text.hasPrefix("\r"))
        #expect(output.text.hasSuffix("\u{1B}[K\n"))
        #expect(output.text.filter { $0 == "\n" }.count == 1)
    }

    @Test("in a log it prints a plain line per tenth of the work")
    func log() {
        let output = BarOutput()
        let bar = output.bar(redrawsInPlace: false)
        for done in 1...200 {
            output.advance(0.01)
            bar.update(completed: done)
        }
        bar.finish(completed: 200)
        let lines = output.text.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(!output.text.contains("\r"))
        #expect(lines.first?.contains("   0%  1/200 episodes") == true)
        #expect(lines[1].contains(" 10%  20/200 episodes"))
        #expect(lines[10].contains("100%  200/200 episodes"))
        output.advance(100)
        bar.update(completed: 200)
        #expect(output.text.split(separator: "\n").count == 11, "nothing after finish")
    }
}
