/// Copying column blocks between matrices of the same row count.
extension Matrix {
    /// Columns `range` as a new `[rows, range.count]` matrix.
    public func columns(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= cols, "Matrix.columns: \(range) of \(cols) columns")
        var out = Matrix(rows: rows, cols: range.count)
        guard !range.isEmpty else { return out }
        out.storage.withUnsafeMutableBufferPointer { o in
            storage.withUnsafeBufferPointer { s in
                for r in 0..<rows {
                    (o.baseAddress! + r * range.count).update(from: s.baseAddress! + r * cols + range.lowerBound, count: range.count)
                }
            }
        }
        return out
    }

    /// Overwrites columns `range` with `source` (`[rows, range.count]`).
    public mutating func setColumns(_ range: Range<Int>, from source: Matrix) {
        precondition(range.lowerBound >= 0 && range.upperBound <= cols && source.rows == rows && source.cols == range.count,
                     "Matrix.setColumns: \(source.shape) into columns \(range) of \(shape)")
        guard !range.isEmpty else { return }
        let width = cols
        storage.withUnsafeMutableBufferPointer { o in
            source.storage.withUnsafeBufferPointer { s in
                for r in 0..<rows {
                    (o.baseAddress! + r * width + range.lowerBound).update(from: s.baseAddress! + r * range.count, count: range.count)
                }
            }
        }
    }
}
