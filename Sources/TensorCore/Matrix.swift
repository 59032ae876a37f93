import Foundation

/// A dense, row-major matrix of `Float` that owns its storage.
///
/// Rows are samples and columns are features throughout Foresight: a batch of
/// 256 observations of dimension 14 is a 256 x 14 matrix. Element `(i, j)` lives
/// at `storage[i * cols + j]`. Heavy arithmetic goes through `Matrix+BLAS.swift`;
/// element-wise work through `Matrix+Elementwise.swift`.
public struct Matrix: Equatable, Sendable {
    /// Number of rows (samples).
    public internal(set) var rows: Int
    /// Number of columns (features).
    public internal(set) var cols: Int
    /// The elements, row after row.
    public var storage: [Float]

    /// Creates a `rows` x `cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && cols >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = [Float](repeating: value, count: rows * cols)
    }

    /// Creates a matrix from row-major elements; `elements.count` must be `rows * cols`.
    public init(rows: Int, cols: Int, elements: [Float]) {
        precondition(rows >= 0 && cols >= 0, "Matrix dimensions must be non-negative")
        precondition(elements.count == rows * cols,
                     "Matrix(\(rows)x\(cols)) needs \(rows * cols) elements, got \(elements.count)")
        self.rows = rows
        self.cols = cols
        self.storage = elements
    }

    /// Creates a matrix from an array of equally long rows.
    public init(_ rowArrays: [[Float]]) {
        let cols = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == cols }, "All rows must have the same length")
        self.init(rows: rowArrays.count, cols: cols, elements: rowArrays.flatMap { $0 })
    }

    /// The number of elements, `rows * cols`.
    @inlinable public var count: Int { rows * cols }

    /// The shape as `[rows, cols]`, the order safetensors uses.
    @inlinable public var shape: [Int] { [rows, cols] }

    /// Reads or writes element `(row, col)`.
    @inlinable
    public subscript(row: Int, col: Int) -> Float {
        get {
            assert(row >= 0 && row < rows && col >= 0 && col < cols, "Matrix index out of range")
            return storage[row * cols + col]
        }
        set {
            assert(row >= 0 && row < rows && col >= 0 && col < cols, "Matrix index out of range")
            storage[row * cols + col] = newValue
        }
    }

    /// Returns row `index` as an array.
    public func row(_ index: Int) -> [Float] {
        Array(storage[(index * cols)..<((index + 1) * cols)])
    }

    /// Returns the transpose as a new matrix.
    public func transposed() -> Matrix {
        var result = Matrix(rows: cols, cols: rows)
        for i in 0..<rows {
            for j in 0..<cols {
                result.storage[j * rows + i] = storage[i * cols + j]
            }
        }
        return result
    }

    /// Reinterprets the same elements with a new shape of equal element count.
    public func reshaped(rows newRows: Int, cols newCols: Int) -> Matrix {
        Matrix(rows: newRows, cols: newCols, elements: storage)
    }

    /// Returns rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "Row range out of bounds")
        return Matrix(rows: range.count, cols: cols,
                      elements: Array(storage[(range.lowerBound * cols)..<(range.upperBound * cols)]))
    }

    /// Returns the rows at `indices`, in that order (a mini-batch gather).
    public func gatherRows(_ indices: [Int]) -> Matrix {
        var result = Matrix(rows: indices.count, cols: cols)
        result.storage.withUnsafeMutableBufferPointer { out in
            storage.withUnsafeBufferPointer { source in
                for (k, index) in indices.enumerated() {
                    precondition(index >= 0 && index < rows, "Row index \(index) out of range 0..<\(rows)")
                    for j in 0..<cols { out[k * cols + j] = source[index * cols + j] }
                }
            }
        }
        return result
    }

    /// Changes the row count, keeping the leading rows; new rows are zero.
    ///
    /// Used by layers that size buffers once and then serve a smaller last batch.
    public mutating func resize(rows newRows: Int) {
        guard newRows != rows else { return }
        if newRows < rows {
            storage.removeLast((rows - newRows) * cols)
        } else {
            storage.append(contentsOf: repeatElement(0, count: (newRows - rows) * cols))
        }
        rows = newRows
    }

    /// Sets every element to `value`.
    @inlinable
    public mutating func fill(_ value: Float) {
        storage.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = value }
        }
    }
}

extension Matrix: CustomStringConvertible {
    /// A compact, human-readable rendering (at most 6 rows and 8 columns).
    public var description: String {
        var lines = ["Matrix(\(rows)x\(cols))"]
        for i in 0..<min(rows, 6) {
            let values = (0..<min(cols, 8)).map { j in String(format: "% .4f", Double(self[i, j])) }
            lines.append("  [" + values.joined(separator: ", ") + (cols > 8 ? ", …]" : "]"))
        }
        if rows > 6 { lines.append("  …") }
        return lines.joined(separator: "\n")
    }
}
