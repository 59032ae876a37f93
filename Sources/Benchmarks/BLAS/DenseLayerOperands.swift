import TensorCore

/// The operands of a dense `width -> width` layer on a batch, and its three GEMMs.
///
/// Stored as a layer stores them: X and dY are batch x width, W is width x width.
final class DenseLayerOperands {
    /// Which product of the layer.
    enum Kind: String {
        /// Y = X·W: batch x width x width.
        case forward
        /// dX = dY·Wᵀ: batch x width x width.
        case inputGradient = "input-grad"
        /// dW = Xᵀ·dY: width x width x batch.
        case weightGradient = "weight-grad"
    }

    /// One GEMM: its shape, FLOP count and a closure that runs it.
    struct GEMM {
        let kind: Kind
        let m: Int, n: Int, k: Int
        let multiply: () -> Void
        var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    }

    let x: Matrix, dY: Matrix, w: Matrix
    var y: Matrix, dX: Matrix, dW: Matrix
    let batch: Int, width: Int

    init(batch: Int, width: Int, rng: inout RandomStream) {
        self.batch = batch
        self.width = width
        x = Matrix.uniform(rows: batch, cols: width, low: -1, high: 1, rng: &rng)
        dY = Matrix.uniform(rows: batch, cols: width, low: -1, high: 1, rng: &rng)
        w = Matrix.uniform(rows: width, cols: width, low: -1, high: 1, rng: &rng)
        y = Matrix(rows: batch, cols: width)
        dX = Matrix(rows: batch, cols: width)
        dW = Matrix(rows: width, cols: width)
    }

    /// The forward, input-gradient and weight-gradient GEMMs.
    var gemms: [GEMM] {
        [
            GEMM(kind: .forward, m: batch, n: width, k: width) { self.y.gemm(self.x, .none, self.w, .none) },
            GEMM(kind: .inputGradient, m: batch, n: width, k: width) { self.dX.gemm(self.dY, .none, self.w, .transposed) },
            GEMM(kind: .weightGradient, m: width, n: width, k: batch) { self.dW.gemm(self.x, .transposed, self.dY, .none) },
        ]
    }
}
