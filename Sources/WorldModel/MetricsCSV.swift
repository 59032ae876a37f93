import Foundation
import TensorCore

/// A CSV table of training metrics (one row per epoch), rewritten atomically after each epoch.
public struct MetricsCSV: Sendable, Equatable {
    /// Column names.
    public let columns: [String]
    /// Rows of values, each `columns.count` long.
    public private(set) var rows: [[String]] = []

    public init(columns: [String]) {
        self.columns = columns
    }

    /// Appends a row; values are looked up by column name, missing ones left empty.
    public mutating func append(_ values: [String: String]) {
        rows.append(columns.map { values[$0] ?? "" })
    }

    /// The CSV text (RFC 4180 quoting where needed).
    public func text() -> String {
        ([columns] + rows).map { $0.map(MetricsCSV.quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Writes the table atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(text().utf8), to: url)
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
