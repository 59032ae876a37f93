import TensorCore

/// Layer normalisation over features, y = (x - mean) / √(var + ε) ⊙ γ + β, per row.
///
/// Layout at `offset`: γ [features], then β [features]. x, y [B, features]; the forward
/// pass saves each row's mean and reciprocal standard deviation (`mean`, `rstd` [B]) for backward.
public struct LayerNorm: Equatable, Sendable {
    /// Features per row.
    public let features: Int
    /// Where γ starts in the flat parameter buffer.
    public let offset: Int
    /// The variance floor ε.
    public let epsilon: Float

    /// Creates the layer description.
    public init(features: Int, offset: Int, epsilon: Float = 1e-5) {
        precondition(features > 0, "LayerNorm: features must be positive")
        self.features = features
        self.offset = offset
        self.epsilon = epsilon
    }

    /// Appends `prefix.scale` (γ) and `prefix.shift` (β), both [features], to `layout`.
    public static func appended(to layout: inout ParameterLayout, name prefix: String, features: Int) -> LayerNorm {
        let offset = layout.append("\(prefix).scale", shape: [features])
        layout.append("\(prefix).shift", shape: [features])
        return LayerNorm(features: features, offset: offset)
    }

    /// Initialises γ = 1, β = 0.
    public func initialize(_ parameters: inout [Float]) {
        for i in offset..<(offset + features) { parameters[i] = 1 }
        for i in (offset + features)..<(offset + 2 * features) { parameters[i] = 0 }
    }

    /// Forward: x [B, F] -> y [B, F]; writes the row statistics into `mean` and `rstd` [B].
    public func forward(_ x: Matrix, parameters: [Float], into y: inout Matrix,
                        mean: inout [Float], rstd: inout [Float]) {
        precondition(x.cols == features && x.shape == y.shape && mean.count == x.rows && rstd.count == x.rows,
                     "LayerNorm.forward: x \(x.shape), y \(y.shape), stats \(mean.count), features \(features)")
        let n = features, gamma = offset, beta = offset + features
        parameters.withUnsafeBufferPointer { p in
            x.storage.withUnsafeBufferPointer { px in
                y.storage.withUnsafeMutableBufferPointer { py in
                    for r in 0..<x.rows {
                        let row = px.baseAddress! + r * n
                        var sum: Float = 0
                        for c in 0..<n { sum += row[c] }
                        let m = sum / Float(n)
                        var squares: Float = 0
                        for c in 0..<n { squares += (row[c] - m) * (row[c] - m) }
                        let s = 1 / (squares / Float(n) + epsilon).squareRoot()
                        mean[r] = m
                        rstd[r] = s
                        let out = py.baseAddress! + r * n
                        for c in 0..<n { out[c] = (row[c] - m) * s * p[gamma + c] + p[beta + c] }
                    }
                }
            }
        }
    }

    /// Backward: given x, the saved `mean`/`rstd` and dy [B, F], writes dx [B, F] and adds dγ, dβ to `gradients`.
    ///
    /// With x̂ = (x - mean)·rstd and g = dy ⊙ γ: dx = rstd (g - mean(g) - x̂ mean(g ⊙ x̂)).
    public func backward(_ dy: Matrix, input x: Matrix, mean: [Float], rstd: [Float], parameters: [Float],
                         gradients: inout [Float], into dx: inout Matrix) {
        precondition(dy.shape == x.shape && dx.shape == x.shape && x.cols == features,
                     "LayerNorm.backward: dy \(dy.shape), x \(x.shape), dx \(dx.shape), features \(features)")
        let n = features, gamma = offset, beta = offset + features
        parameters.withUnsafeBufferPointer { p in
            gradients.withUnsafeMutableBufferPointer { g in
                x.storage.withUnsafeBufferPointer { px in
                    dy.storage.withUnsafeBufferPointer { pg in
                        dx.storage.withUnsafeMutableBufferPointer { pd in
                            for r in 0..<x.rows {
                                let row = px.baseAddress! + r * n, grad = pg.baseAddress! + r * n
                                let m = mean[r], s = rstd[r]
                                var meanG: Float = 0, meanGX: Float = 0
                                for c in 0..<n {
                                    let xhat = (row[c] - m) * s
                                    let gc = grad[c] * p[gamma + c]
                                    meanG += gc
                                    meanGX += gc * xhat
                                    g[gamma + c] += grad[c] * xhat
                                    g[beta + c] += grad[c]
                                }
                                meanG /= Float(n)
                                meanGX /= Float(n)
                                let out = pd.baseAddress! + r * n
                                for c in 0..<n {
                                    let xhat = (row[c] - m) * s
                                    out[c] = s * (grad[c] * p[gamma + c] - meanG - xhat * meanGX)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
