import Foundation

/// A progress bar on stderr: label, bar, fraction, count, rate and time left.
///
/// On a terminal it redraws one line in place (`\r`), at most ten times a second; when
/// stderr is a file or a pipe it prints a plain line at every tenth of the work (and at
/// least every 30 seconds, starting with the first update), so logs stay short and readable;
/// `finish` prints the last line. `update` may be called from any thread.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let unit: String
    private let redrawsInPlace: Bool
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> Double
    private let start: Double
    private let lock = NSLock()
    private var lastDraw = -Double.infinity
    private var lastTenth = 0
    private var finished = false

    /// Creates a bar for `total` units of work; `redrawsInPlace` defaults to whether stderr is a terminal.
    init(label: String, total: Int, unit: String,
         redrawsInPlace: Bool = isatty(STDERR_FILENO) != 0,
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
         now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.label = label
        self.total = max(total, 1)
        self.unit = unit
        self.redrawsInPlace = redrawsInPlace
        self.write = write
        self.now = now
        self.start = now()
    }

    /// Reports that `completed` units are done; redraws when it is time to.
    func update(completed: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        let time = now()
        let tenth = min(10, completed * 10 / total)
        if redrawsInPlace {
            guard time - lastDraw >= 0.1 || completed >= total else { return }
            write("\r" + line(completed: completed, elapsed: time - start) + "\u{1B}[K")
        } else {
            guard completed < total, tenth > lastTenth || time - lastDraw >= 30 else { return }
            lastTenth = tenth
            write(line(completed: completed, elapsed: time - start) + "\n")
        }
        lastDraw = time
    }

    /// Draws the final state and ends the line.
    func finish(completed: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        let text = line(completed: completed, elapsed: now() - start)
        write(redrawsInPlace ? "\r" + text + "\u{1B}[K\n" : text + "\n")
    }

    /// The bar's text: `simulate push [#########-----------]  45%  450/1000 episodes  37.5 episodes/s  0:14 left`.
    func line(completed: Int, elapsed: Double) -> String {
        let fraction = min(1, Double(completed) / Double(total))
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = String(Int((fraction * 100).rounded(.down)))
        var text = "\(label) [\(bar)] \(String(repeating: " ", count: 3 - percent.count))\(percent)%  \(completed)/\(total) \(unit)"
        guard elapsed > 0, completed > 0 else { return text }
        let rate = Double(completed) / elapsed
        text += "  " + Self.format(rate: rate) + " \(unit)/s"
        text += completed < total
            ? "  " + Self.format(duration: Double(total - completed) / rate) + " left"
            : "  " + Self.format(duration: elapsed) + " total"
        return text
    }

    /// `0.42`, `3.1`, `37.5`, `1234`.
    static func format(rate: Double) -> String {
        switch rate {
        case ..<1: return String(format: "%.2f", rate)
        case ..<100: return String(format: "%.1f", rate)
        default: return String(format: "%.0f", rate)
        }
    }

    /// `0:07`, `12:34`, `2:03:04`.
    static func format(duration seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, secs)
            : String(format: "%d:%02d", minutes, secs)
    }
}
