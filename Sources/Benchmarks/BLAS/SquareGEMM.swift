import TensorCore

/// A square `size`³ SGEMM, C = A·B: the reference the dense-layer GEMMs are compared with.
final class SquareGEMM {
    let a: Matrix, b: Matrix
    var c: Matrix
    let flops: Double

    init(size: Int, rng: inout RandomStream) {
        a = Matrix.uniform(rows: size, cols: size, low: -1, high: 1, rng: &rng)
        b = Matrix.uniform(rows: size, cols: size, low: -1, high: 1, rng: &rng)
        c = Matrix(rows: size, cols: size)
        flops = 2 * Double(size) * Double(size) * Double(size)
    }

    /// Runs the product once.
    func multiply() { c.gemm(a, .none, b, .none) }
}
