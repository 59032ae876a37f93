import CBLAS

/// Row-major BLAS kernels on raw pointers, for operands that are parts of larger buffers
/// (a layer's weights inside a model's flat parameter array, a block of rows of a batch).
///
/// `Matrix+BLAS.swift` is the safe interface on whole matrices; it calls these.
public enum BLAS {
    /// General matrix multiply: `C = alpha * op(A) * op(B) + beta * C`, all row-major.
    ///
    /// Shapes: `op(A)` is m x k, `op(B)` is k x n, `C` is m x n; `lda`, `ldb`, `ldc` are
    /// the distances between consecutive stored rows (at least the stored row lengths).
    /// With `beta == 0` the previous contents of `C` are ignored (NaN does not propagate);
    /// with `k == 0` the result is `beta * C`.
    @inlinable
    public static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                            alpha: Float = 1, a: UnsafePointer<Float>?, lda: Int,
                            b: UnsafePointer<Float>?, ldb: Int,
                            beta: Float = 0, c: UnsafeMutablePointer<Float>?, ldc: Int) {
        precondition(m >= 0 && n >= 0 && k >= 0, "gemm: negative dimension (\(m), \(n), \(k))")
        precondition(ldc >= n, "gemm: ldc \(ldc) is less than n \(n)")
        guard m > 0, n > 0 else { return }
        guard let c else { preconditionFailure("gemm: C is nil for a \(m)x\(n) result") }
        guard k > 0 else {
            for row in 0..<m {
                let start = c + row * ldc
                if beta == 0 {
                    start.update(repeating: 0, count: n)
                } else {
                    for j in 0..<n { start[j] *= beta }
                }
            }
            return
        }
        precondition(lda >= (transA == .none ? k : m), "gemm: lda \(lda) is less than the stored row length")
        precondition(ldb >= (transB == .none ? n : k), "gemm: ldb \(ldb) is less than the stored row length")
        BLASThreads.applyDefault()
        cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                    beta, c, Int32(ldc))
    }
}
