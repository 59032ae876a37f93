import TensorCore

/// A fully connected layer, y = x Wᵀ + b, whose parameters are a slice of a model's flat buffer.
///
/// Layout at `offset`: W [outputSize, inputSize] row-major, then b [outputSize].
/// Batches are rows: x [B, inputSize], y [B, outputSize]. The same three kernels serve
/// `MLP` (forward, backward) and `PredictiveCodingNetwork` (predictions, error
/// propagation, local weight gradients).
public struct Dense: Equatable, Sendable {
    /// Input features.
    public let inputSize: Int
    /// Output features.
    public let outputSize: Int
    /// Where W starts in the flat parameter buffer.
    public let offset: Int

    /// Creates the layer description; register it in `layout` with `Dense.appended(to:...)`.
    public init(inputSize: Int, outputSize: Int, offset: Int) {
        precondition(inputSize > 0 && outputSize > 0, "Dense: sizes must be positive (\(inputSize) -> \(outputSize))")
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.offset = offset
    }

    /// Appends a layer's `weight` [out, in] and `bias` [out] named `prefix.weight`, `prefix.bias` to `layout`.
    public static func appended(to layout: inout ParameterLayout, name prefix: String,
                                inputSize: Int, outputSize: Int) -> Dense {
        let offset = layout.append("\(prefix).weight", shape: [outputSize, inputSize])
        layout.append("\(prefix).bias", shape: [outputSize])
        return Dense(inputSize: inputSize, outputSize: outputSize, offset: offset)
    }

    /// W's elements in the flat buffer.
    public var weightRange: Range<Int> { offset..<(offset + outputSize * inputSize) }
    /// b's elements in the flat buffer.
    public var biasRange: Range<Int> { weightRange.upperBound..<(weightRange.upperBound + outputSize) }

    /// Initialises W ~ U(-1/√in, 1/√in) and b = 0 (PyTorch's default scale).
    public func initialize(_ parameters: inout [Float], rng: inout RandomStream) {
        let bound = 1 / Float(inputSize).squareRoot()
        for i in weightRange { parameters[i] = bound * (2 * rng.uniform() - 1) }
        for i in biasRange { parameters[i] = 0 }
    }

    /// Forward: y [B, out] = x [B, in] Wᵀ + b (y's previous contents are ignored).
    public func forward(_ x: Matrix, parameters: [Float], into y: inout Matrix) {
        precondition(x.cols == inputSize && y.cols == outputSize && x.rows == y.rows,
                     "Dense.forward: x \(x.shape), y \(y.shape), layer \(inputSize) -> \(outputSize)")
        let rows = x.rows, n = outputSize, k = inputSize, w = offset, b = biasRange.lowerBound
        parameters.withUnsafeBufferPointer { p in
            x.storage.withUnsafeBufferPointer { px in
                y.storage.withUnsafeMutableBufferPointer { py in
                    let out = py.baseAddress!
                    for r in 0..<rows { (out + r * n).update(from: p.baseAddress! + b, count: n) }
                    BLAS.gemm(.none, .transposed, m: rows, n: n, k: k, alpha: 1,
                              a: px.baseAddress!, lda: k, b: p.baseAddress! + w, ldb: k,
                              beta: 1, c: out, ldc: n)
                }
            }
        }
    }

    /// Input gradient: dx [B, in] = dy [B, out] W (overwrites dx).
    ///
    /// In a predictive-coding network this carries the errors of the layer above down: eps W.
    public func backwardInput(_ dy: Matrix, parameters: [Float], into dx: inout Matrix) {
        precondition(dy.cols == outputSize && dx.cols == inputSize && dy.rows == dx.rows,
                     "Dense.backwardInput: dy \(dy.shape), dx \(dx.shape), layer \(inputSize) -> \(outputSize)")
        let rows = dy.rows, n = inputSize, k = outputSize, w = offset
        parameters.withUnsafeBufferPointer { p in
            dy.storage.withUnsafeBufferPointer { pg in
                dx.storage.withUnsafeMutableBufferPointer { pd in
                    BLAS.gemm(.none, .none, m: rows, n: n, k: k, alpha: 1,
                              a: pg.baseAddress!, lda: k, b: p.baseAddress! + w, ldb: n,
                              beta: 0, c: pd.baseAddress!, ldc: n)
                }
            }
        }
    }

    /// Parameter gradients: dW [out, in] += scale · dyᵀ x and db [out] += scale · Σ_rows dy.
    ///
    /// dy [B, out], x [B, in] (the layer's input). With `accumulate == false` the slices are overwritten.
    public func accumulateGradients(_ dy: Matrix, input x: Matrix, scale: Float = 1, accumulate: Bool = true,
                                    into gradients: inout [Float]) {
        precondition(dy.cols == outputSize && x.cols == inputSize && dy.rows == x.rows,
                     "Dense.accumulateGradients: dy \(dy.shape), x \(x.shape), layer \(inputSize) -> \(outputSize)")
        let rows = dy.rows, n = outputSize, k = inputSize, w = offset, b = biasRange.lowerBound
        gradients.withUnsafeMutableBufferPointer { g in
            dy.storage.withUnsafeBufferPointer { pg in
                x.storage.withUnsafeBufferPointer { px in
                    BLAS.gemm(.transposed, .none, m: n, n: k, k: rows, alpha: scale,
                              a: pg.baseAddress!, lda: n, b: px.baseAddress!, ldb: k,
                              beta: accumulate ? 1 : 0, c: g.baseAddress! + w, ldc: k)
                    let bias = g.baseAddress! + b
                    if !accumulate { bias.update(repeating: 0, count: n) }
                    for r in 0..<rows {
                        let row = pg.baseAddress! + r * n
                        for c in 0..<n { bias[c] += scale * row[c] }
                    }
                }
            }
        }
    }

    /// GEMM floating-point operations of `forward` (and of each backward GEMM) for `rows` samples: 2·B·in·out.
    public func flops(rows: Int) -> Int { 2 * rows * inputSize * outputSize }
}
