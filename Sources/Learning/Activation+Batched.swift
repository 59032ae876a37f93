import TensorCore

/// Batched activation kernels on row-major matrices ([B, D], rows = samples).
///
/// Each kernel writes into a caller-owned buffer of the same shape and allocates nothing.
/// `specialized` dispatches once per call, so every loop body is a single known
/// activation that the compiler can vectorise.
extension Activation {
    /// Calls `body` with `self` as a compile-time constant in each branch.
    @inlinable @inline(__always)
    func specialized<R>(_ body: (Activation) -> R) -> R {
        switch self {
        case .identity: return body(.identity)
        case .tanh: return body(.tanh)
        case .relu: return body(.relu)
        case .leakyRelu: return body(.leakyRelu)
        case .gelu: return body(.gelu)
        }
    }

    /// Forward: y = f(x), x and y [B, D].
    public func forward(_ x: Matrix, into y: inout Matrix) {
        precondition(x.shape == y.shape, "Activation.forward: shapes differ (\(x.shape) vs \(y.shape))")
        x.storage.withUnsafeBufferPointer { px in
            y.storage.withUnsafeMutableBufferPointer { py in
                specialized { f in
                    for i in 0..<px.count { py[i] = f.value(px[i]) }
                }
            }
        }
    }

    /// Backward: dx = dy ⊙ f'(x), given x [B, D], y = f(x) [B, D] and dy [B, D]; writes dx [B, D].
    public func backward(input x: Matrix, output y: Matrix, gradOutput dy: Matrix, into dx: inout Matrix) {
        precondition(x.shape == y.shape && x.shape == dy.shape && x.shape == dx.shape,
                     "Activation.backward: shapes differ (\(x.shape), \(y.shape), \(dy.shape), \(dx.shape))")
        x.storage.withUnsafeBufferPointer { px in
            y.storage.withUnsafeBufferPointer { py in
                dy.storage.withUnsafeBufferPointer { pg in
                    dx.storage.withUnsafeMutableBufferPointer { pd in
                        specialized { f in
                            for i in 0..<px.count { pd[i] = pg[i] * f.derivative(px[i], value: py[i]) }
                        }
                    }
                }
            }
        }
    }

    /// Forward with derivative: y = f(x) and d = f'(x) in one pass; x, y, d [B, D].
    public func forward(_ x: Matrix, into y: inout Matrix, derivative d: inout Matrix) {
        precondition(x.shape == y.shape && x.shape == d.shape,
                     "Activation.forward: shapes differ (\(x.shape), \(y.shape), \(d.shape))")
        x.storage.withUnsafeBufferPointer { px in
            y.storage.withUnsafeMutableBufferPointer { py in
                d.storage.withUnsafeMutableBufferPointer { pd in
                    specialized { f in
                        for i in 0..<px.count {
                            let value = f.value(px[i])
                            py[i] = value
                            pd[i] = f.derivative(px[i], value: value)
                        }
                    }
                }
            }
        }
    }
}
