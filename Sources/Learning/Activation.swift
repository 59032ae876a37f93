/// The element-wise nonlinearities of Foresight's networks.
///
/// Each case has a kernel type (`ActivationKernel.swift`); batched loops run through
/// `withKernel`, which hands them the kernel as a generic parameter so they specialise and
/// vectorise. `tanh` and `gelu` use the polynomial exponential of `FastMath.swift`
/// (absolute error below 3e-7) instead of libm.
public enum Activation: String, Codable, Sendable, CaseIterable {
    /// f(x) = x.
    case identity
    /// f(x) = tanh(x).
    case tanh
    /// f(x) = max(0, x).
    case relu
    /// f(x) = x for x > 0, 0.01 x otherwise.
    case leakyRelu
    /// The tanh form of GELU: f(x) = ½ x (1 + tanh(√(2/π) (x + 0.044715 x³))).
    case gelu

    /// The slope of `leakyRelu` for negative inputs.
    public static let leakySlope: Float = 0.01

    /// f(x).
    @inlinable
    public func value(_ x: Float) -> Float {
        switch self {
        case .identity: return IdentityKernel.value(x)
        case .tanh: return TanhKernel.value(x)
        case .relu: return ReLUKernel.value(x)
        case .leakyRelu: return LeakyReLUKernel.value(x)
        case .gelu: return GELUKernel.value(x)
        }
    }

    /// f'(x), given x and y = f(x) (tanh reuses y: f' = 1 - y²).
    @inlinable
    public func derivative(_ x: Float, value y: Float) -> Float {
        switch self {
        case .identity: return IdentityKernel.derivative(x, value: y)
        case .tanh: return TanhKernel.derivative(x, value: y)
        case .relu: return ReLUKernel.derivative(x, value: y)
        case .leakyRelu: return LeakyReLUKernel.derivative(x, value: y)
        case .gelu: return GELUKernel.derivative(x, value: y)
        }
    }

    /// Runs `body` with this activation's kernel type, so its loops specialise and vectorise.
    func withKernel<Body: ActivationKernelBody>(_ body: Body) {
        switch self {
        case .identity: body.run(IdentityKernel.self)
        case .tanh: body.run(TanhKernel.self)
        case .relu: body.run(ReLUKernel.self)
        case .leakyRelu: body.run(LeakyReLUKernel.self)
        case .gelu: body.run(GELUKernel.self)
        }
    }
}
