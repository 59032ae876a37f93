import ArgumentParser
import Foundation

/// Options every `foresight bench` subcommand shares.
struct BenchOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object per measured row (keys name, value, unit, ...) instead of a table.")
    var json = false
}

/// Times code on a monotonic clock: calibration, warm-up, repetitions, median.
struct Stopwatch {
    /// Untimed runs after calibration, before measuring.
    var warmUp = 1
    /// Timed repetitions; the median is reported.
    var repetitions = 5
    /// Each repetition calls the body enough times to last at least this long (seconds),
    /// so that microsecond-scale operations are not lost in clock resolution.
    var minimumRepetitionSeconds = 0.02

    /// The median duration of one call of `body`, in seconds.
    func medianSeconds(_ body: () -> Void) -> Double {
        let iterations = calibratedIterations(body)
        for _ in 0..<warmUp { _ = Self.seconds(iterations, body) }
        let samples = (0..<max(repetitions, 1)).map { _ in Self.seconds(iterations, body) / Double(iterations) }
        return median(samples)
    }

    /// Times each of `bodies` and then `reference`, repetition after repetition, so that a
    /// change in machine load (other processes on the cores) affects them alike.
    ///
    /// The bodies are calibrated and warmed up; `reference` is called once per repetition
    /// and must itself last well above the clock resolution. Returns, per repetition, the
    /// seconds per call of each body and of the reference.
    func interleavedSeconds(_ bodies: [() -> Void], reference: () -> Void) -> [(bodies: [Double], reference: Double)] {
        let iterations = bodies.map { calibratedIterations($0) }
        for (body, count) in zip(bodies, iterations) {
            for _ in 0..<warmUp { _ = Self.seconds(count, body) }
        }
        return (0..<max(repetitions, 1)).map { _ in
            let times = zip(bodies, iterations).map { body, count in Self.seconds(count, body) / Double(count) }
            return (times, Self.seconds(1, reference))
        }
    }

    /// The number of calls that lasts at least `minimumRepetitionSeconds` (also warms up).
    private func calibratedIterations(_ body: () -> Void) -> Int {
        var iterations = 1
        while iterations < 1 << 24 {
            let elapsed = Self.seconds(iterations, body)
            if elapsed >= minimumRepetitionSeconds { break }
            let needed = elapsed > 0 ? Int((minimumRepetitionSeconds * 1.2 / elapsed * Double(iterations)).rounded(.up)) : 16 * iterations
            iterations = min(max(needed, 2 * iterations), 16 * iterations)
        }
        return iterations
    }

    /// Seconds taken by `iterations` consecutive calls of `body`.
    static func seconds(_ iterations: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<iterations { body() }
        let elapsed = start.duration(to: clock.now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}

/// The median of `values` (the mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "median of no values")
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// One field of a benchmark row.
enum BenchValue: Encodable {
    case text(String)
    case integer(Int)
    /// A number, shown in tables with `digits` decimals; JSON gets full precision.
    case number(Double, digits: Int)

    /// The value as a table cell.
    var cell: String {
        switch self {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .number(let value, let digits): return String(format: "%.\(digits)f", value)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .integer(let value): try container.encode(value)
        case .number(let value, _):
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        }
    }
}

/// One measured row of a benchmark: `name`, `value` and `unit` first, then further fields in order.
struct BenchRow {
    /// The fields, in output order.
    private(set) var fields: [(key: String, value: BenchValue)]

    /// Creates a row; `digits` is the number of decimals `value` gets in a table.
    init(name: String, value: Double, digits: Int = 2, unit: String, _ extra: [(String, BenchValue)] = []) {
        fields = [("name", .text(name)), ("value", .number(value, digits: digits)), ("unit", .text(unit))]
        fields += extra.map { (key: $0.0, value: $0.1) }
    }

    /// The value of field `key`, if present.
    subscript(key: String) -> BenchValue? {
        fields.first { $0.key == key }?.value
    }

    /// The row as a single-line JSON object, keys in field order.
    var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let members = fields.map { field -> String in
            let key = (try? encoder.encode(field.key)).flatMap { String(data: $0, encoding: .utf8) } ?? "\"?\""
            let value = (try? encoder.encode(field.value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
            return "\(key):\(value)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}

/// A table column: which row field it shows, under what title.
struct BenchColumn {
    let key: String
    let title: String
}

/// Writes benchmark results: an aligned table (or JSON Lines) to stdout, context to the side.
struct BenchPrinter {
    /// Whether rows are printed as JSON Lines.
    let json: Bool

    /// A context line (machine, settings): above the table on stdout, on stderr in JSON mode
    /// so that stdout stays pure JSON Lines.
    func note(_ line: String) {
        if json {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else {
            print(line)
        }
    }

    /// A progress line, always on stderr.
    func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints `rows`: one JSON object per line, or a table of `columns` (numbers right-aligned).
    func emit(_ rows: [BenchRow], columns: [BenchColumn]) {
        if json {
            for row in rows { print(row.jsonLine) }
            return
        }
        print(Self.table(rows, columns: columns), terminator: "")
    }

    /// The aligned text table of `rows` (empty cells for missing fields).
    static func table(_ rows: [BenchRow], columns: [BenchColumn]) -> String {
        let cells = rows.map { row in columns.map { row[$0.key] } }
        let widths = columns.indices.map { c in
            cells.reduce(columns[c].title.count) { max($0, $1[c]?.cell.count ?? 0) }
        }
        func line(_ texts: [String], rightAligned: [Bool]) -> String {
            texts.indices.map { c in
                let padding = String(repeating: " ", count: widths[c] - texts[c].count)
                return rightAligned[c] ? padding + texts[c] : texts[c] + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        let numeric = columns.indices.map { c in
            cells.contains { if case .text = $0[c] { return false } else { return $0[c] != nil } }
        }
        var text = line(columns.map(\.title), rightAligned: numeric)
        text += line(widths.map { String(repeating: "-", count: $0) }, rightAligned: numeric)
        for row in cells {
            text += line(row.map { $0?.cell ?? "" }, rightAligned: numeric)
        }
        return text
    }
}
