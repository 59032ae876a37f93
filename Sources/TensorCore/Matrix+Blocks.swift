/// Reshaping buffers in place and copying row blocks between matrices, without allocating once sized.
extension Matrix {
    /// Makes the matrix `rows` x `cols`, reusing its storage; the contents are unspecified afterwards
    /// except that the storage grows with zeros (callers overwrite every element).
    public mutating func resize(rows newRows: Int, cols newCols: Int) {
        precondition(newRows >= 0 && newCols >= 0, "Matrix.resize: negative shape [\(newRows), \(newCols)]")
        let count = newRows * newCols
        if count < storage.count {
            storage.removeLast(storage.count - count)
        } else if count > storage.count {
            storage.append(contentsOf: repeatElement(0, count: count - storage.count))
        }
        rows = newRows
        cols = newCols
    }

    /// Copies rows `sourceRow ..< sourceRow + count` of `source` into rows starting at `destinationRow`.
    public mutating func copyRows(from source: Matrix, at sourceRow: Int, count: Int, to destinationRow: Int) {
        precondition(source.cols == cols, "Matrix.copyRows: \(source.cols) columns into \(cols)")
        precondition(sourceRow >= 0 && sourceRow + count <= source.rows && destinationRow >= 0 && destinationRow + count <= rows,
                     "Matrix.copyRows: rows \(sourceRow)..<\(sourceRow + count) of \(source.rows) into \(destinationRow)..<\(destinationRow + count) of \(rows)")
        guard count > 0 else { return }
        storage.withUnsafeMutableBufferPointer { out in
            source.storage.withUnsafeBufferPointer { input in
                (out.baseAddress! + destinationRow * cols).update(from: input.baseAddress! + sourceRow * cols, count: count * cols)
            }
        }
    }
}
