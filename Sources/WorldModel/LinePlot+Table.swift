import Foundation

extension LinePlot {
    /// The series of a comma-separated table: a header `x, name1, name2, ...`, then one row per x; empty cells are gaps.
    ///
    /// Throws `LinePlotTableError` naming the file, line and column of the first cell that is not a number.
    public static func series(table text: String, path: String) throws -> (xLabel: String, series: [Series]) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) } }
        guard let header = lines.first, header.count >= 2 else {
            throw LinePlotTableError(path: path, line: 1, column: nil, reason: "the header needs an x column and at least one series")
        }
        var series = header.dropFirst().map { Series(name: $0, points: []) }
        for (index, row) in lines.dropFirst().enumerated() {
            guard row.count == header.count else {
                throw LinePlotTableError(path: path, line: index + 2, column: nil, reason: "\(row.count) cells, the header has \(header.count)")
            }
            func number(_ column: Int) throws -> Double {
                guard let value = Double(row[column]) else {
                    throw LinePlotTableError(path: path, line: index + 2, column: header[column], reason: "'\(row[column])' is not a number")
                }
                return value
            }
            let x = try number(0)
            for column in 1..<row.count where !row[column].isEmpty { series[column - 1].points.append((x, try number(column))) }
        }
        return (header[0], series)
    }
}

/// A plot table cannot be read.
public struct LinePlotTableError: Error, CustomStringConvertible, Equatable {
    public var path: String, line: Int, column: String?, reason: String

    public var description: String { "\(path):\(line)" + (column.map { ", column '\($0)'" } ?? "") + ": \(reason)" }
}
