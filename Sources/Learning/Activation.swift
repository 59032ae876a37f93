/// The element-wise nonlinearities of Foresight's networks.
///
/// Scalar kernels (`value`, `derivative`) are `@inlinable` and branch-light so the
/// batched loops in `Activation+Batched.swift` vectorise; `tanh` and `gelu` use the
/// polynomial exponential of `FastMath.swift` (absolute error below 2e-7) instead of libm.
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
        case .identity: return x
        case .tanh: return FastMath.tanh(x)
        case .relu: return x > 0 ? x : 0
        case .leakyRelu: return x > 0 ? x : Activation.leakySlope * x
        case .gelu: return GELUKernel.value(x)
        }
    }

    /// f'(x), given x and y = f(x) (tanh reuses y: f' = 1 - y²).
    @inlinable
    public func derivative(_ x: Float, value y: Float) -> Float {
        switch self {
        case .identity: return 1
        case .tanh: return 1 - y * y
        case .relu: return x > 0 ? 1 : 0
        case .leakyRelu: return x > 0 ? 1 : Activation.leakySlope
        case .gelu: return GELUKernel.derivative(x)
        }
    }
}
