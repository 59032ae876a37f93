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
            var total = 0.0
            for i in 0..<x.count { total += Double(x[i]) * Double(x[i]) }
            return total
        }
    }

    /// Writes the sum of each column into `out` (length `cols`): the bias gradient of a dense layer.
    ///
    /// `out = beta * out + column sums`.
    public func columnSums(into out: inout [Float], beta: Float = 0) {
        precondition(out.count == cols, "columnSums: out has \(out.count) elements, expected \(cols)")
        let cols = self.cols
        storage.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                for c in 0..<cols { y[c] *= beta }
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

    /// The largest element of each row.
    public func rowMaxima() -> [Float] {
        precondition(cols > 0, "rowMaxima: matrix has no columns")
        var out = [Float](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { x in
            for r in 0..<rows {
                var best = x[r * cols]
                for c in 1..<cols { best = Swift.max(best, x[r * cols + c]) }
                out[r] = best
            }
        }
        return out
    }

    /// The numerically stable log-sum-exp of each row: `log Σ_j exp(x_ij)`.
    ///
    /// Subtracts the row maximum first, so large logits do not overflow.
    public func rowLogSumExp() -> [Float] {
        let maxima = rowMaxima()
        var out = [Float](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { x in
            for r in 0..<rows {
                let m = maxima[r]
                if m == -.infinity { out[r] = -.infinity; continue }
                var total: Float = 0
                for c in 0..<cols { total += Foundation.exp(x[r * cols + c] - m) }
                out[r] = m + Foundation.log(total)
            }
        }
        return out
    }

    /// Replaces each row by its softmax (numerically stable; rows sum to 1).
    public mutating func softmaxRows() {
        let lse = rowLogSumExp()
        let cols = self.cols
        storage.withUnsafeMutableBufferPointer { x in
            for r in 0..<rows {
                for c in 0..<cols { x[r * cols + c] = Foundation.exp(x[r * cols + c] - lse[r]) }
            }
        }
    }
}
