import Foundation

/// A table column: which row field it shows, under what title.
public struct BenchColumn {
    public let key: String
    public let title: String

    /// The column of field `key`, headed `title`.
    public init(key: String, title: String) {
        self.key = key
        self.title = title
    }
}

/// Writes benchmark results: an aligned table (or JSON Lines) to stdout, context to the side.
public struct BenchPrinter {
    /// Whether rows are printed as JSON Lines.
    public let json: Bool

    /// A printer of tables, or of JSON Lines when `json`.
    public init(json: Bool) {
        self.json = json
    }

    /// A context line (machine, settings): above the table on stdout, on stderr in JSON mode
    /// so that stdout stays pure JSON Lines.
    public func note(_ line: String) {
        if json {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else {
            print(line)
        }
    }

    /// A progress line, always on stderr.
    public func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints `rows`: one JSON object per line, or a table of `columns` (numbers right-aligned).
    public func emit(_ rows: [BenchRow], columns: [BenchColumn]) {
        if json {
            for row in rows { print(row.jsonLine) }
            return
        }
        print(Self.table(rows, columns: columns), terminator: "")
    }

    /// The aligned text table of `rows` (empty cells for missing fields).
    public static func table(_ rows: [BenchRow], columns: [BenchColumn]) -> String {
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
