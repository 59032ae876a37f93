import CBLAS
import TensorCore

/// Raw-pointer GEMM for layers whose weights are slices of a model's flat parameter buffer.
enum BLASKernels {
    /// C = alpha op(A) op(B) + beta C, all row-major.
    ///
    /// Shapes: op(A) [m, k], op(B) [k, n], C [m, n]; `lda`, `ldb`, `ldc` are the stored row lengths.
    @inline(__always)
    static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                     alpha: Float, a: UnsafePointer<Float>, lda: Int,
                     b: UnsafePointer<Float>, ldb: Int,
                     beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_sgemm(CblasRowMajor, transA == .none ? CblasNoTrans : CblasTrans,
                    transB == .none ? CblasNoTrans : CblasTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                    beta, c, Int32(ldc))
    }
}
