import TensorCore

/// Plain-loop implementations that BLAS-backed code is checked against, accumulated in `Double`.
public enum Reference {
    /// Element `(i, j)` of `op(m)`.
    public static func element(_ m: Matrix, _ trans: Transpose, _ i: Int, _ j: Int) -> Float {
        trans == .none ? m[i, j] : m[j, i]
    }

    /// `alpha * op(a) * op(b) + beta * c` by a triple loop; with `beta == 0`, `c` is ignored
    /// (NaN in it included), and a missing `c` counts as zeros.
    public static func gemm(_ a: Matrix, _ transA: Transpose, _ b: Matrix, _ transB: Transpose,
                            alpha: Float = 1, beta: Float = 0, c: Matrix? = nil) -> Matrix {
        let m = transA == .none ? a.rows : a.cols
        let k = transA == .none ? a.cols : a.rows
        let n = transB == .none ? b.cols : b.rows
        precondition(k == (transB == .none ? b.rows : b.cols), "Reference.gemm: inner dimensions differ")
        var result = Matrix(rows: m, cols: n)
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for p in 0..<k {
                    total += Double(element(a, transA, i, p)) * Double(element(b, transB, p, j))
                }
                var value = Double(alpha) * total
                if beta != 0, let c { value += Double(beta) * Double(c[i, j]) }
                result[i, j] = Float(value)
            }
        }
        return result
    }

    /// `alpha * op(a) * x + beta * y` by a double loop; with `beta == 0`, `y` is ignored.
    public static func gemv(_ a: Matrix, _ trans: Transpose, x: [Float],
                            alpha: Float = 1, beta: Float = 0, y: [Float]) -> [Float] {
        let m = trans == .none ? a.rows : a.cols
        let k = trans == .none ? a.cols : a.rows
        precondition(x.count == k && y.count == m, "Reference.gemv: vector lengths do not fit")
        return (0..<m).map { i in
            var total = 0.0
            for p in 0..<k { total += Double(element(a, trans, i, p)) * Double(x[p]) }
            var value = Double(alpha) * total
            if beta != 0 { value += Double(beta) * Double(y[i]) }
            return Float(value)
        }
    }
}
