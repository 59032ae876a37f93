import CBLAS

/// BLAS-backed linear algebra on `Matrix` (OpenBLAS through cblas).
extension Matrix {
    /// General matrix multiply: `self = alpha * op(a) * op(b) + beta * self`.
    ///
    /// Shapes: `op(a)` is M x K, `op(b)` is K x N, `self` is M x N. With `beta == 0`
    /// the previous contents of `self` are ignored (NaN in it does not propagate).
    @inlinable
    public mutating func gemm(
        _ a: Matrix, _ transA: Transpose,
        _ b: Matrix, _ transB: Transpose = .none,
        alpha: Float = 1, beta: Float = 0
    ) {
        let m = transA == .none ? a.rows : a.cols
        let k = transA == .none ? a.cols : a.rows
        let kb = transB == .none ? b.rows : b.cols
        let n = transB == .none ? b.cols : b.rows
        precondition(k == kb, "gemm: inner dimensions differ (\(k) vs \(kb))")
        precondition(rows == m && cols == n, "gemm: output is \(rows)x\(cols), expected \(m)x\(n)")
        let cols = self.cols
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                storage.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(transA, transB, m: m, n: n, k: k, alpha: alpha,
                              a: pa.baseAddress, lda: max(a.cols, 1), b: pb.baseAddress, ldb: max(b.cols, 1),
                              beta: beta, c: pc.baseAddress, ldc: max(cols, 1))
                }
            }
        }
    }

    /// Returns `op(a) * op(b)` as a new matrix.
    public static func product(_ a: Matrix, _ transA: Transpose,
                               _ b: Matrix, _ transB: Transpose = .none) -> Matrix {
        let m = transA == .none ? a.rows : a.cols
        let n = transB == .none ? b.cols : b.rows
        var c = Matrix(rows: m, cols: n)
        c.gemm(a, transA, b, transB)
        return c
    }

    /// Matrix-vector multiply: `y = alpha * op(self) * x + beta * y`.
    ///
    /// Shapes: `op(self)` is M x K, `x` has K elements, `y` has M. With `beta == 0` the
    /// previous contents of `y` are ignored (NaN in it does not propagate), whatever
    /// the OpenBLAS version does with a zero scale factor.
    @inlinable
    public func gemv(_ trans: Transpose = .none, x: [Float], into y: inout [Float],
                     alpha: Float = 1, beta: Float = 0) {
        let outCount = trans == .none ? rows : cols
        let inCount = trans == .none ? cols : rows
        precondition(x.count == inCount, "gemv: x has \(x.count) elements, expected \(inCount)")
        precondition(y.count == outCount, "gemv: y has \(y.count) elements, expected \(outCount)")
        guard outCount > 0 else { return }
        if beta == 0 {
            y.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        if inCount == 0 {
            if beta != 0 && beta != 1 { for i in y.indices { y[i] *= beta } }
            return
        }
        BLASThreads.applyDefault()
        storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_sgemv(CblasRowMajor, trans.cblas, Int32(rows), Int32(cols), alpha,
                                pa.baseAddress, Int32(max(cols, 1)), px.baseAddress, 1,
                                beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// AXPY: `self += alpha * x`, element by element; shapes must match.
    @inlinable
    public mutating func axpy(_ alpha: Float, _ x: Matrix) {
        precondition(x.rows == rows && x.cols == cols, "axpy: shapes differ (\(x.shape) vs \(shape))")
        guard count > 0 else { return }
        BLASThreads.applyDefault()
        x.storage.withUnsafeBufferPointer { px in
            storage.withUnsafeMutableBufferPointer { py in
                cblas_saxpy(Int32(px.count), alpha, px.baseAddress, 1, py.baseAddress, 1)
            }
        }
    }

    /// Multiplies every element by `factor` (`factor == 0` writes exact zeros).
    @inlinable
    public mutating func scale(by factor: Float) {
        if factor == 0 { fill(0); return }
        guard count > 0 else { return }
        BLASThreads.applyDefault()
        storage.withUnsafeMutableBufferPointer { p in
            cblas_sscal(Int32(p.count), factor, p.baseAddress, 1)
        }
    }
}

/// Controls the number of threads OpenBLAS uses: one, unless set otherwise.
///
/// GEMM results are bit-identical from run to run for a fixed thread count, but not
/// across thread counts: OpenBLAS splits the output between threads, and elements that
/// land in a different block are accumulated by a different kernel path, so their last
/// bits can change (OpenBLAS 0.3.21: 1-70% of elements, by a few ulps). So that a seed gives
/// bit-identical models on any machine, and so that no caller changes the results of another
/// (the count is global to the process), every BLAS call in this module first applies a
/// one-thread default, once per process; only benchmarks call `set` with more. The world
/// model's matrices are skinny (at most a few hundred columns), where OpenBLAS's threads cost
/// more than they give (measured: encoder epoch 5.9 s on one thread, 8.1 s on two).
public enum BLASThreads {
    /// One OpenBLAS thread, applied by the first BLAS call or the first `set`, whichever comes first.
    @usableFromInline static let oneThreadByDefault: Void = openblas_set_num_threads(1)

    /// Applies the one-thread default if nothing has set the count yet (cheap after the first call).
    @inlinable public static func applyDefault() {
        _ = oneThreadByDefault
    }

    /// Sets OpenBLAS's thread count for the whole process (benchmarks; everything else keeps one).
    public static func set(_ count: Int) {
        applyDefault()
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var current: Int {
        applyDefault()
        return Int(openblas_get_num_threads())
    }

    /// The OpenBLAS build's configuration string (version and kernel).
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config)
    }

    /// The kernel OpenBLAS chose for this CPU (e.g. "Haswell").
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
