import Foundation

/// Reductions over rows, columns and whole matrices, accumulated in `Double` where sums are long.
extension Matrix {
    /// The sum of every element.
    public func sum() -> Double {
        storage.withUnsafeBufferPointer { x in
            var total = 0.0
            for i in 0..<x.count { total += Double(x[i]) }
            return total
        }
    }

    /// The sum of squares of every element (squared Frobenius norm).
    public func sumOfSquares() -> Double {
        storage.withUnsafeBufferPointer { x in
            guard let base = x.baseAddress else { return 0 }
            return VectorReductions.sumOfSquares(base, count: x.count)
        }
    }

    /// Writes the sum of each column into `out` (length `cols`): the bias gradient of a dense layer.
    ///
    /// `out = beta * out + column sums`; with `beta == 0` the previous contents of `out`
    /// are ignored (NaN in it does not propagate).
    public func columnSums(into out: inout [Float], beta: Float = 0) {
        precondition(out.count == cols, "columnSums: out has \(out.count) elements, expected \(cols)")
        let cols = self.cols
        storage.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                if beta == 0 {
                    y.update(repeating: 0)
                } else if beta != 1 {
                    for c in 0..<cols { y[c] *= beta }
                }
                for r in 0..<rows {
                    let base = r * cols
                    for c in 0..<cols { y[c] += x[base + c] }
                }
            }
        }
    }

    /// The sums of each column.
    public func columnSums() -> [Float] {
        var out = [Float](repeating: 0, count: cols)
        columnSums(into: &out)
        return out
    }

    /// The sums of each row.
    public func rowSums() -> [Float] {
        var out = [Float](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { x in
            for r in 0..<rows {
                var total: Float = 0
                for c in 0..<cols { total += x[r * cols + c] }
                out[r] = total
            }
        }
        return out
    }

    /// The largest element of each row; a row containing NaN gives NaN.
    public func rowMaxima() -> [Float] {
        precondition(cols > 0, "rowMaxima: matrix has no columns")
        var out = [Float](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { x in
            for r in 0..<rows { out[r] = Self.maximum(of: x, row: r, cols: cols) }
        }
        return out
    }

    /// The numerically stable log-sum-exp of each row: `log Σ_j exp(x_ij)`.
    ///
    /// Subtracts the row maximum first, so large logits do not overflow. A row whose
    /// maximum is not finite gives that maximum: `-inf` for a row of `-inf` (or no
    /// columns), `+inf` if it holds `+inf`, NaN if it holds NaN.
    public func rowLogSumExp() -> [Float] {
        var out = [Float](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { x in
            for r in 0..<rows {
                let m = Self.maximum(of: x, row: r, cols: cols)
                guard m.isFinite else { out[r] = m; continue }
                var total: Float = 0
                for c in 0..<cols { total += Foundation.exp(x[r * cols + c] - m) }
                out[r] = m + Foundation.log(total)
            }
        }
        return out
    }

    /// Replaces each row by its softmax (numerically stable; rows sum to 1).
    ///
    /// Entries of `-inf` get probability 0. A row without a finite maximum (all `-inf`,
    /// or holding `+inf` or NaN) has no meaningful softmax and becomes all NaN.
    /// Allocates nothing.
    public mutating func softmaxRows() {
        let cols = self.cols
        storage.withUnsafeMutableBufferPointer { x in
            for r in 0..<rows {
                let m = Self.maximum(of: UnsafeBufferPointer(x), row: r, cols: cols)
                let base = r * cols
                guard m.isFinite else {
                    for c in 0..<cols { x[base + c] = .nan }
                    continue
                }
                var total: Float = 0
                for c in 0..<cols {
                    let e = Foundation.exp(x[base + c] - m)
                    x[base + c] = e
                    total += e
                }
                let inverse = 1 / total
                for c in 0..<cols { x[base + c] *= inverse }
            }
        }
    }

    /// The largest element of row `row`, NaN if the row holds NaN, `-inf` if it is empty.
    private static func maximum(of x: UnsafeBufferPointer<Float>, row: Int, cols: Int) -> Float {
        var best = -Float.infinity
        for c in 0..<cols {
            let value = x[row * cols + c]
            if value > best || value.isNaN { best = value }
            if best.isNaN { break }
        }
        return best
    }
}
