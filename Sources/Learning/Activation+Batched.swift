import CKernels
import TensorCore

/// Batched activation kernels on row-major matrices ([B, D], rows = samples).
///
/// Each kernel writes into a caller-owned buffer of the same shape and allocates nothing;
/// the loops run through `withKernel`, so each is compiled once per activation; the forward passes
/// of tanh and ReLU run in CKernels' eight lanes instead (`laneKernel`, the same bits).
extension Activation {
    /// The CKernels lane kernel of this activation, if it has one (tanh and ReLU).
    var laneKernel: FSActivation? {
        switch self {
        case .tanh: return FSActivationTanh
        case .relu: return FSActivationReLU
        case .identity, .leakyRelu, .gelu: return nil
        }
    }

    /// Forward: y = f(x), x and y [B, D].
    public func forward(_ x: Matrix, into y: inout Matrix) {
        precondition(x.shape == y.shape, "Activation.forward: shapes differ (\(x.shape) vs \(y.shape))")
        x.storage.withUnsafeBufferPointer { px in
            y.storage.withUnsafeMutableBufferPointer { py in
                guard px.count > 0 else { return }
                if let lanes = laneKernel { return fs_activation_forward(lanes, px.baseAddress!, py.baseAddress!, nil, px.count) }
                withKernel(ForwardLoop(x: px.baseAddress!, y: py.baseAddress!, derivative: nil, count: px.count))
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
                    guard px.count > 0 else { return }
                    if let lanes = laneKernel {
                        return fs_activation_forward(lanes, px.baseAddress!, py.baseAddress!, pd.baseAddress!, px.count)
                    }
                    withKernel(ForwardLoop(x: px.baseAddress!, y: py.baseAddress!, derivative: pd.baseAddress!, count: px.count))
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
                        withKernel(BackwardLoop(x: px.baseAddress!, y: py.baseAddress!, gradOutput: pg.baseAddress!,
                                                gradInput: pd.baseAddress!, count: px.count))
                    }
                }
            }
        }
    }
}

/// y = f(x), and d = f'(x) when `derivative` is given.
struct ForwardLoop: ActivationKernelBody {
    let x: UnsafePointer<Float>
    let y: UnsafeMutablePointer<Float>
    let derivative: UnsafeMutablePointer<Float>?
    let count: Int

    func run<Kernel: ActivationKernel>(_ kernel: Kernel.Type) {
        guard let d = derivative else {
            for i in 0..<count { y[i] = Kernel.value(x[i]) }
            return
        }
        for i in 0..<count {
            let value = Kernel.value(x[i])
            y[i] = value
            d[i] = Kernel.derivative(x[i], value: value)
        }
    }
}

/// dx = dy ⊙ f'(x).
struct BackwardLoop: ActivationKernelBody {
    let x: UnsafePointer<Float>
    let y: UnsafePointer<Float>
    let gradOutput: UnsafePointer<Float>
    let gradInput: UnsafeMutablePointer<Float>
    let count: Int

    func run<Kernel: ActivationKernel>(_ kernel: Kernel.Type) {
        for i in 0..<count { gradInput[i] = gradOutput[i] * Kernel.derivative(x[i], value: y[i]) }
    }
}
